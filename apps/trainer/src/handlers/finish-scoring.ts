/**
 * Runs once every shard of a scoring pass is done (the flow's parent): the version becomes the
 * one in use, and the check of predicted versus actual outcomes is queued for when it is due.
 */
import { type Job, type JobPayload, jobIds } from "@segflow/queues";
import { finishScoring as finish } from "@segflow/training";
import type { TrainerContext } from "../context.js";

export async function finishScoring(ctx: TrainerContext, job: Job, payload: JobPayload<"finishScoring">) {
  const { outcomesDueAt, ...progress } = await finish(ctx.store, payload);
  if (outcomesDueAt) {
    await ctx.producer.enqueue(
      "checkOutcomes",
      { modelId: payload.modelId, version: payload.version },
      {
        jobId: jobIds.checkOutcomes(payload.scoringId),
        delay: Math.max(0, outcomesDueAt.getTime() - Date.now()),
      },
    );
  }
  ctx.logger.info(
    { jobId: job.id, ...payload, ...progress, outcomesDueAt },
    "scoring finished: version active",
  );
  return progress;
}
