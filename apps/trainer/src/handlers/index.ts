/** The trainer's handlers, one per job of the training queue, as `consume` takes them. */
import { type Handlers, JOBS, type Job } from "@segflow/queues";
import { setModelStatus } from "@segflow/store";
import type { TrainerContext } from "../context.js";
import { checkOutcomes } from "./check-outcomes.js";
import { finishScoring } from "./finish-scoring.js";
import { scoreModel } from "./score-model.js";
import { scoreShard } from "./score-shard.js";
import { trainModel } from "./train-model.js";

export function trainingHandlers(ctx: TrainerContext): Handlers<"training"> {
  return {
    trainModel: (job, payload) => trainModel(ctx, job, payload),
    scoreModel: (job, payload) => scoreModel(ctx, job, payload),
    scoreShard: (job, payload) => scoreShard(ctx, job, payload),
    finishScoring: (job, payload) => finishScoring(ctx, job, payload),
    checkOutcomes: (job, payload) => checkOutcomes(ctx, job, payload),
  };
}

/**
 * A model whose scoring or outcome job failed for good is `failed`, with the reason; a failed
 * training has said so itself (train-model.ts), with the thread's own message.
 */
export function failModelOfJob(ctx: TrainerContext) {
  return async (job: Job, error: Error): Promise<void> => {
    const modelId = (job.data as { modelId?: unknown }).modelId;
    if (typeof modelId !== "string" || job.name === JOBS.trainModel.name) return;
    await setModelStatus(ctx.store, modelId, "failed", { error: `${job.name} failed: ${error.message}` });
  };
}
