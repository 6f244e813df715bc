/**
 * Stored documents → response bodies (the shapes of schemas.ts). Instants become ISO strings,
 * `_id` becomes `id`.
 */
import { estimateRun } from "@segflow/evaluation";
import {
  emptyCounts,
  type ProfileDoc,
  type RunDoc,
  type RunProgress,
  type SegmentDoc,
  type StoredEvent,
} from "@segflow/store";
import type { z } from "zod";
import type { EvaluationResponse, ProfileResponse, SegmentResponse } from "./schemas.js";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function segmentView(doc: SegmentDoc): z.infer<typeof SegmentResponse> {
  return {
    id: doc._id,
    name: doc.name,
    definition: doc.definition,
    streaming: doc.streaming,
    schedule: doc.schedule ?? null,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function profileView(doc: ProfileDoc, events?: StoredEvent[]): z.infer<typeof ProfileResponse> {
  const membership = Object.entries(doc.segmentMembership ?? {});
  return {
    id: doc._id,
    attributes: doc.attributes ?? {},
    scores: doc.scores ?? {},
    segmentMembership: Object.fromEntries(
      membership.map(([segId, m]) => [
        segId,
        { status: m.status, lastQualificationTime: iso(m.lastQualificationTime), runId: m.runId },
      ]),
    ),
    segments: membership.filter(([, m]) => m.status !== "exited").map(([segId]) => segId),
    ...(events && {
      events: events.map((e) => ({
        type: e.type,
        timestamp: iso(e.timestamp),
        properties: e.properties ?? {},
      })),
    }),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

/**
 * A run with its progress: `progress` is folded from the shard documents (runProgress), the rate
 * and ETA estimated from it as of `at` (estimateRun); a completed run carries its own totals.
 */
export function runView(
  run: RunDoc,
  progress: RunProgress | null,
  at: Date,
): z.infer<typeof EvaluationResponse> {
  const done = run.status === "completed";
  const profilesDone = (done ? run.profiles : null) ?? progress?.profilesDone ?? 0;
  const estimate = estimateRun({
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    profilesDone,
    profilesTotal: run.profilesTotal ?? null,
    at,
  });
  return {
    id: run._id,
    status: run.status,
    segmentIds: run.segmentIds,
    now: iso(run.now),
    progress: {
      shardsDone: progress?.shardsDone ?? (done ? run.shardsTotal : 0),
      shardsTotal: run.shardsTotal,
      profilesDone,
      ...estimate,
    },
    counts:
      (done ? run.counts : null) ??
      progress?.counts ??
      Object.fromEntries(run.segmentIds.map((s) => [s, emptyCounts()])),
    idempotencyKey: run.idempotencyKey ?? null,
    createdAt: iso(run.createdAt),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
    error: run.error ?? null,
  };
}
