/**
 * Plans a run: one shard job per bucket range under a `finish-run` parent, added as one BullMQ
 * flow. Job ids derive from the run, so a retried plan adds nothing twice.
 */
import { JOBS, jobIds, QUEUE_NAMES } from "@segflow/queues";
import { getRun, markRunRunning, planShards } from "@segflow/store";
import type { Job } from "bullmq";
import type { WorkerContext } from "../context.js";

export async function planRun(
  ctx: WorkerContext,
  job: Job,
  payload: { runId: string },
): Promise<{ shards: number }> {
  const run = await getRun(ctx.store, payload.runId);
  if (!run) throw new Error(`run ${payload.runId} does not exist`);
  if (run.status === "completed" || run.status === "failed") return { shards: 0 };
  await markRunRunning(ctx.store, run._id);
  const shards = planShards(run.shardsTotal);
  await ctx.producer.flows.add({
    name: JOBS.finishRun.name,
    queueName: QUEUE_NAMES.runs,
    data: { runId: run._id },
    opts: { ...JOBS.finishRun.options, jobId: jobIds.finishRun(run._id) },
    children: shards.map((s) => ({
      name: JOBS.evaluateShard.name,
      queueName: QUEUE_NAMES.shards,
      data: { runId: run._id, index: s.index, bucketFrom: s.bucketFrom, bucketTo: s.bucketTo },
      opts: {
        ...JOBS.evaluateShard.options,
        jobId: jobIds.evaluateShard(run._id, s.index),
        failParentOnFailure: true,
      },
    })),
  });
  ctx.logger.info({ runId: run._id, shards: shards.length, jobId: job.id }, "run planned");
  return { shards: shards.length };
}
