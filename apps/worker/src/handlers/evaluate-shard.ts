/**
 * One shard of a run: evaluate, write the memberships that changed, and report into the shard's
 * own run_shards document as it goes and when done (runShard). A retry (or another worker
 * taking over a stalled shard) redoes the same work, restarts the shard's count and changes
 * nothing twice. Each profile's next streaming wake-up is scheduled on the way (shard-wakes.ts;
 * a retry adds the same job ids, which BullMQ ignores).
 */
import { compileRun, runShard, ShardAttemptReplacedError } from "@segflow/evaluation";
import { scoped } from "@segflow/logger";
import { type Job, type JobPayload, PermanentJobError } from "@segflow/queues";
import { getRun } from "@segflow/store";
import type { WorkerContext } from "../context.js";
import { requestPublish } from "../feed.js";
import { shardWakes } from "../shard-wakes.js";

const CACHED_RUNS = 8;

export async function evaluateShard(ctx: WorkerContext, job: Job, payload: JobPayload<"evaluateShard">) {
  const log = scoped(ctx.logger, { jobId: job.id, runId: payload.runId, shard: payload.index });
  const run = await getRun(ctx.store, payload.runId);
  if (!run) throw new PermanentJobError(`run ${payload.runId} does not exist`);
  let compiled = ctx.compiledRuns.get(run._id);
  if (!compiled) {
    compiled = compileRun(run);
    ctx.compiledRuns.set(run._id, compiled);
    if (ctx.compiledRuns.size > CACHED_RUNS) ctx.compiledRuns.delete(ctx.compiledRuns.keys().next().value!);
  }
  const wakes = shardWakes(ctx.producer, await ctx.streamingSets.get(), run.now);
  const started = Date.now();
  const result = await runShard(ctx.store, run, payload, {
    compiled,
    // The same count in the job, for Bull Board.
    onProgress: (profiles) => job.updateProgress({ profiles }),
    onProfile: wakes.onProfile,
  }).catch((error: unknown) => {
    // This worker lost the shard (paused past its lock): BullMQ may not even record the failure,
    // since the job is no longer ours, so say it here.
    if (error instanceof ShardAttemptReplacedError)
      log.warn({ err: error.message }, "shard attempt replaced");
    throw error;
  });
  const woken = await wakes.flush();
  log.info(
    {
      profiles: result.profiles,
      written: result.written,
      changes: result.changes,
      evaluationErrors: result.evaluationErrorCount,
      wakes: woken,
      ms: Date.now() - started,
    },
    "shard evaluated",
  );
  // The changes are recorded already: a failed request must not redo the shard (the sweep
  // publishes them instead).
  if (result.changes > 0) {
    await requestPublish(ctx).catch((error: unknown) =>
      log.warn({ err: error }, "publish request failed; the feed sweep publishes these changes"),
    );
  }
  return result;
}
