/** Predicted versus actual per score band, stored on the version once its window has passed. */
import type { Job, JobPayload } from "@segflow/queues";
import { checkVersionOutcomes } from "@segflow/training";
import type { TrainerContext } from "../context.js";

export async function checkOutcomes(ctx: TrainerContext, job: Job, payload: JobPayload<"checkOutcomes">) {
  const outcomes = await checkVersionOutcomes(ctx.store, payload.modelId, payload.version);
  if (!outcomes) return { skipped: "the version no longer exists" };
  ctx.logger.info({ jobId: job.id, ...payload, outcomes: outcomes.byBucket }, "outcomes checked");
  return outcomes;
}
