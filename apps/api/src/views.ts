/**
 * Stored documents → response bodies (the shapes of schemas.ts). Instants become ISO strings,
 * `_id` becomes `id`.
 */
import { emptyCounts, type ProfileDoc, type RunDoc, type SegmentCounts, type SegmentDoc } from "@segflow/store";
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

export function profileView(doc: ProfileDoc): z.infer<typeof ProfileResponse> {
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
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

/** The run's counts once completed, else the sum of the shards finished so far. */
function runCounts(run: RunDoc): Record<string, SegmentCounts> {
  if (run.counts) return run.counts;
  const counts: Record<string, SegmentCounts> = Object.fromEntries(run.segmentIds.map((s) => [s, emptyCounts()]));
  for (const shard of Object.values(run.shardCounts ?? {})) {
    for (const [segId, c] of Object.entries(shard)) {
      const sum = (counts[segId] ??= emptyCounts());
      sum.realized += c.realized;
      sum.existing += c.existing;
      sum.exited += c.exited;
      sum.total += c.total;
    }
  }
  return counts;
}

export function runView(run: RunDoc): z.infer<typeof EvaluationResponse> {
  return {
    id: run._id,
    status: run.status,
    segmentIds: run.segmentIds,
    now: iso(run.now),
    progress: {
      shardsDone: Object.keys(run.shardCounts ?? {}).length,
      shardsTotal: run.shardsTotal,
      profilesDone: Object.values(run.shardProfiles ?? {}).reduce((a, b) => a + b, 0),
    },
    counts: runCounts(run),
    idempotencyKey: run.idempotencyKey ?? null,
    createdAt: iso(run.createdAt),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
    error: run.error ?? null,
  };
}
