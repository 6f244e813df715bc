import type { Job, JobPayload } from "@segflow/queues";
import { completeRun } from "@segflow/store";
import type { WorkerContext } from "../context.js";

/** Runs once every shard of the run is done (the flow's parent): folds the counts into the run. */
export async function finishRun(ctx: WorkerContext, job: Job, payload: JobPayload<"finishRun">) {
  const run = await completeRun(ctx.store, payload.runId);
  ctx.compiledRuns.delete(payload.runId);
  ctx.logger.info({ runId: payload.runId, jobId: job.id, counts: run?.counts }, "run completed");
  return { counts: run?.counts ?? null };
}
