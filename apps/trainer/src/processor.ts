/**
 * Routes a job of the training queue to its handler by the catalog's job name. A payload that
 * does not match its schema can never succeed: it fails without retries.
 */
import { type JobKey, jobByName, parsePayload } from "@segflow/queues";
import { type Job, UnrecoverableError } from "bullmq";
import type { TrainerContext } from "./context.js";
import { checkOutcomes } from "./handlers/check-outcomes.js";
import { finishScoring } from "./handlers/finish-scoring.js";
import { scoreModel } from "./handlers/score-model.js";
import { scoreShard } from "./handlers/score-shard.js";
import { trainModel } from "./handlers/train-model.js";

function payloadOf<K extends JobKey>(key: K, job: Job) {
  try {
    return parsePayload(key, job.data);
  } catch (error) {
    throw new UnrecoverableError(`bad payload for ${job.name}: ${(error as Error).message}`);
  }
}

export function processor(ctx: TrainerContext) {
  return async (job: Job): Promise<unknown> => {
    const key = jobByName(job.name);
    switch (key) {
      case "trainModel":
        return trainModel(ctx, job, payloadOf(key, job));
      case "scoreModel":
        return scoreModel(ctx, job, payloadOf(key, job));
      case "scoreShard":
        return scoreShard(ctx, job, payloadOf(key, job));
      case "finishScoring":
        return finishScoring(ctx, job, payloadOf(key, job));
      case "checkOutcomes":
        return checkOutcomes(ctx, job, payloadOf(key, job));
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the training queue`);
    }
  };
}
