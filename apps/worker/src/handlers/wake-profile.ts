/**
 * A wake-up at the instant a profile's streaming memberships may change with time alone: it asks
 * for the profile's evaluation like an event would, so that evaluations of one profile stay one
 * at a time (jobIds.profileEvaluation) and a wake-up arriving during one is not lost.
 */
import type { Job, JobPayload } from "@segflow/queues";
import type { WorkerContext } from "../context.js";

export async function wakeProfile(ctx: WorkerContext, _job: Job, payload: JobPayload<"wakeProfile">) {
  await ctx.producer.requestProfileEvaluations([payload.profileId]);
  return { requested: payload.profileId };
}
