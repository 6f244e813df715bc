/** The worker's handlers, one per job of its queues, as `consume` takes them. */
import type { Handlers, Job } from "@segflow/queues";
import { failRun } from "@segflow/store";
import type { WorkerContext } from "../context.js";
import { deliver } from "./deliver.js";
import { evaluateProfile } from "./evaluate-profile.js";
import { evaluateShard } from "./evaluate-shard.js";
import { finishRun } from "./finish-run.js";
import { planRun } from "./plan-run.js";
import { publishFeed, sweepFeed } from "./publish-feed.js";
import { scheduledRun } from "./scheduled-run.js";
import { wakeProfile } from "./wake-profile.js";

export function runHandlers(ctx: WorkerContext): Handlers<"runs"> {
  return {
    planRun: (job, payload) => planRun(ctx, job, payload),
    finishRun: (job, payload) => finishRun(ctx, job, payload),
    scheduledRun: (job, payload) => scheduledRun(ctx, job, payload),
  };
}

export function shardHandlers(ctx: WorkerContext): Handlers<"shards"> {
  return { evaluateShard: (job, payload) => evaluateShard(ctx, job, payload) };
}

export function streamingHandlers(ctx: WorkerContext): Handlers<"streaming"> {
  return {
    evaluateProfile: (job, payload) => evaluateProfile(ctx, job, payload),
    wakeProfile: (job, payload) => wakeProfile(ctx, job, payload),
  };
}

export function feedHandlers(ctx: WorkerContext): Handlers<"feed"> {
  return {
    publishFeed: (job) => publishFeed(ctx, job),
    sweepFeed: () => sweepFeed(ctx),
    deliver: (job, payload) => deliver(ctx, job, payload),
  };
}

export { deadLetterOfJob } from "./deliver.js";

/** A run whose plan, shard or finish job failed for good is failed, with the reason. */
export function failRunOfJob(ctx: WorkerContext) {
  return async (job: Job, error: Error): Promise<void> => {
    const runId = (job.data as { runId?: unknown }).runId;
    if (typeof runId === "string") await failRun(ctx.store, runId, `${job.name} failed: ${error.message}`);
  };
}
