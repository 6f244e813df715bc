/**
 * Runs once every shard of a scoring pass is done (the flow's parent): the version becomes the
 * one in use, and a check of predicted versus actual outcomes is scheduled for when the
 * prediction window has passed.
 */
import type { ModelArtefact } from "@segflow/propensity";
import { activateVersion, getModelVersion, scoringProgress } from "@segflow/store";
import type { Job } from "bullmq";
import type { TrainerContext } from "../context.js";

const DAY_MS = 86_400_000;

export async function finishScoring(
  ctx: TrainerContext,
  job: Job,
  payload: { modelId: string; version: number; scoringId: string },
) {
  await activateVersion(ctx.store, payload.modelId, payload.version);
  const progress = await scoringProgress(ctx.store, payload.scoringId);
  const version = await getModelVersion(ctx.store, payload.modelId, payload.version);
  const artefact = version?.artefact as unknown as ModelArtefact | undefined;
  if (version?.scoring && artefact) {
    const due = version.scoring.now.getTime() + artefact.spec.windowDays * DAY_MS;
    await ctx.producer.enqueue(
      "checkOutcomes",
      { modelId: payload.modelId, version: payload.version },
      { jobId: `outcomes-${payload.scoringId}`, delay: Math.max(0, due - Date.now()) },
    );
  }
  ctx.logger.info({ jobId: job.id, ...payload, ...progress }, "scoring finished: version active");
  return progress;
}
