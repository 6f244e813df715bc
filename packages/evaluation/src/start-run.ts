import { createRun, type RunDoc, type Store } from "@segflow/store";
import { resolveRunSegments } from "./segment-set.js";

export interface StartRunRequest {
  /** Segments to evaluate; all stored segments when omitted or empty. */
  segmentIds?: readonly string[];
  /** The instant segments are evaluated at; the current time when omitted. */
  now?: Date;
  idempotencyKey?: string | null;
  shardCount: number;
}

/**
 * Creates a run document with the definitions frozen as they are now (a segment edited during
 * the run does not change it), and the number of profiles it will read as the collection's
 * estimated count (metadata, not a scan: the run's progress and ETA are measured against it).
 * Returns the existing run for a repeated idempotency key.
 */
export async function startRun(
  store: Store,
  request: StartRunRequest,
): Promise<{ run: RunDoc; created: boolean }> {
  const { segmentIds, segments } = await resolveRunSegments(store, request.segmentIds);
  const profilesTotal = await store.profiles.estimatedDocumentCount();
  return createRun(store, {
    segmentIds,
    segments,
    now: request.now ?? new Date(),
    shardsTotal: request.shardCount,
    profilesTotal,
    idempotencyKey: request.idempotencyKey ?? null,
  });
}
