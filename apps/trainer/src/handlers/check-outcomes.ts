/** Predicted versus actual per bucket, stored on the version once its window has passed. */
import type { ModelArtefact } from "@segflow/propensity";
import { getModelVersion, recordOutcomes } from "@segflow/store";
import { checkOutcomes as check } from "@segflow/training";
import type { Job } from "bullmq";
import type { TrainerContext } from "../context.js";

export async function checkOutcomes(
  ctx: TrainerContext,
  job: Job,
  payload: { modelId: string; version: number },
) {
  const version = await getModelVersion(ctx.store, payload.modelId, payload.version);
  if (!version) return { skipped: "the version no longer exists" };
  const outcomes = await check(
    ctx.store,
    payload.modelId,
    payload.version,
    version.artefact as unknown as ModelArtefact,
  );
  await recordOutcomes(ctx.store, payload.modelId, payload.version, outcomes);
  ctx.logger.info({ jobId: job.id, ...payload, outcomes: outcomes.byBucket }, "outcomes checked");
  return outcomes;
}
