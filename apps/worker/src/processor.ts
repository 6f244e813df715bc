/**
 * Routes a BullMQ job to its handler by the catalog's job name. A payload that does not match
 * its schema can never succeed: it fails without retries.
 */
import { type JobKey, jobByName, parsePayload } from "@segflow/queues";
import { type Job, UnrecoverableError } from "bullmq";
import type { WorkerContext } from "./context.js";
import { evaluateShard } from "./handlers/evaluate-shard.js";
import { finishRun } from "./handlers/finish-run.js";
import { planRun } from "./handlers/plan-run.js";
import { scheduledRun } from "./handlers/scheduled-run.js";

function payloadOf<K extends JobKey>(key: K, job: Job) {
  try {
    return parsePayload(key, job.data);
  } catch (error) {
    throw new UnrecoverableError(`bad payload for ${job.name}: ${(error as Error).message}`);
  }
}

export function processor(ctx: WorkerContext) {
  return async (job: Job): Promise<unknown> => {
    const key = jobByName(job.name);
    switch (key) {
      case "planRun":
        return planRun(ctx, job, payloadOf(key, job));
      case "evaluateShard":
        return evaluateShard(ctx, job, payloadOf(key, job));
      case "finishRun":
        return finishRun(ctx, job, payloadOf(key, job));
      case "scheduledRun":
        return scheduledRun(ctx, job, payloadOf(key, job));
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  };
}
