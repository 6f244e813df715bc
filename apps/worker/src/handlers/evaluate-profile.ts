/**
 * The streaming evaluation of one profile (ARCHITECTURE.md, "Streaming evaluation"): evaluate,
 * write what changed, then ask for a wake-up at the instant its memberships may next change with
 * time alone, and for the feed to publish the changes (a retry after a failure past the write
 * finds nothing left to write: the feed's sweep publishes what the first attempt recorded). The instant is fixed by the first attempt that writes, so a retry writes the same
 * changes under the same ids.
 */
import { scoped } from "@segflow/logger";
import type { Job, JobPayload } from "@segflow/queues";
import type { WorkerContext } from "../context.js";

export async function evaluateProfile(ctx: WorkerContext, job: Job, payload: JobPayload<"evaluateProfile">) {
  const set = await ctx.streamingSets.get();
  if (set.targets.length === 0) return { segments: 0 };
  const now = payload.now ?? new Date();
  const started = Date.now();
  const result = await ctx.streaming.evaluate(set, payload.profileId, now, {
    beforeWrite: async () => {
      if (!payload.now) await job.updateData({ ...job.data, now: now.toISOString() });
    },
  });
  if (result.nextChangeAt) await ctx.producer.scheduleWake(payload.profileId, result.nextChangeAt);
  if (result.changes.length > 0) await ctx.requestPublish();
  if (result.written.length > 0 || !result.found) {
    scoped(ctx.logger, { jobId: job.id, profileId: payload.profileId }).info(
      {
        found: result.found,
        changes: result.changes.map((c) => `${c.segmentId}:${c.status}`),
        written: result.written,
        nextChangeAt: result.nextChangeAt,
        // How long the request waited in the queue, then how long the evaluation took.
        queuedMs: started - job.timestamp,
        ms: Date.now() - started,
      },
      result.found ? "profile evaluated" : "profile not found",
    );
  }
  return {
    changes: result.changes.length,
    written: result.written.length,
    nextChangeAt: result.nextChangeAt?.toISOString(),
  };
}
