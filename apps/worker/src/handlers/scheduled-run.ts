import { startRun } from "@segflow/evaluation";
import { type Job, type JobPayload, jobIds } from "@segflow/queues";
import type { WorkerContext } from "../context.js";

/** Fired by a job scheduler (a cron per segment, or for all): starts a run now. */
export async function scheduledRun(ctx: WorkerContext, job: Job, payload: JobPayload<"scheduledRun">) {
  // The scheduler's job id makes a retried fire start the same run, not a second one.
  const { run } = await startRun(ctx.store, {
    segmentIds: payload.segmentIds,
    shardCount: ctx.config.SHARD_COUNT,
    idempotencyKey: `scheduled:${job.id}`,
  });
  await ctx.producer.enqueue("planRun", { runId: run._id }, { jobId: jobIds.planRun(run._id) });
  ctx.logger.info({ runId: run._id, jobId: job.id, segments: run.segmentIds }, "scheduled run started");
  return { runId: run._id };
}
