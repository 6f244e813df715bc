/**
 * Plans a run: one shard job per bucket range under a `finish-run` parent, added as one BullMQ
 * flow. Job ids derive from the run, so a retried plan adds nothing twice.
 */
import { type Job, type JobPayload, jobIds, PermanentJobError } from "@segflow/queues";
import { getRun, markRunRunning, planShards } from "@segflow/store";
import type { WorkerContext } from "../context.js";

export async function planRun(
  ctx: WorkerContext,
  job: Job,
  payload: JobPayload<"planRun">,
): Promise<{ shards: number }> {
  const run = await getRun(ctx.store, payload.runId);
  if (!run) throw new PermanentJobError(`run ${payload.runId} does not exist`);
  if (run.status === "completed" || run.status === "failed") return { shards: 0 };
  await markRunRunning(ctx.store, run._id);
  const shards = planShards(run.shardsTotal);
  await ctx.producer.enqueueFlow(
    { key: "finishRun", payload: { runId: run._id }, jobId: jobIds.finishRun(run._id) },
    shards.map((s) => ({
      key: "evaluateShard" as const,
      payload: { runId: run._id, index: s.index, bucketFrom: s.bucketFrom, bucketTo: s.bucketTo },
      jobId: jobIds.evaluateShard(run._id, s.index),
    })),
  );
  ctx.logger.info({ runId: run._id, shards: shards.length, jobId: job.id }, "run planned");
  return { shards: shards.length };
}
