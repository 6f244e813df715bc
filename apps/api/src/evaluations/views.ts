/** Stored runs → response bodies: instants as ISO strings, `_id` as `id`. */
import type { EvaluationResponse } from "@segflow/api-contract";
import { estimateRun } from "@segflow/evaluation";
import { emptyCounts, type RunDoc, type RunProgress } from "@segflow/store";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A run with its progress: `progress` is folded from the shard documents (runProgress), the rate
 * and ETA estimated from it as of `at` (estimateRun); a completed run carries its own totals.
 */
export function runView(run: RunDoc, progress: RunProgress | null, at: Date): EvaluationResponse {
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
    errors: (done ? run.evaluationErrors : null) ?? progress?.evaluationErrors ?? [],
    errorCount: (done ? run.evaluationErrorCount : null) ?? progress?.evaluationErrorCount ?? 0,
  };
}
