/**
 * One shard of a run: evaluate, write the memberships that changed, record the shard's counts
 * on the run. A retry (or another worker taking over a stalled shard) redoes the same work
 * and changes nothing twice.
 */
import { compileRun, evaluateShard as evaluate } from "@segflow/evaluation";
import { scoped } from "@segflow/logger";
import { getRun, recordShard } from "@segflow/store";
import { type Job, UnrecoverableError } from "bullmq";
import type { WorkerContext } from "../context.js";

const CACHED_RUNS = 8;

export async function evaluateShard(
  ctx: WorkerContext,
  job: Job,
  payload: { runId: string; index: number; bucketFrom: number; bucketTo: number },
) {
  const log = scoped(ctx.logger, { jobId: job.id, runId: payload.runId, shard: payload.index });
  const run = await getRun(ctx.store, payload.runId);
  if (!run) throw new UnrecoverableError(`run ${payload.runId} does not exist`);
  let compiled = ctx.compiledRuns.get(run._id);
  if (!compiled) {
    compiled = compileRun(run);
    ctx.compiledRuns.set(run._id, compiled);
    if (ctx.compiledRuns.size > CACHED_RUNS) ctx.compiledRuns.delete(ctx.compiledRuns.keys().next().value!);
  }
  const started = Date.now();
  const result = await evaluate(ctx.store, run, payload, {
    compiled,
    onProgress: (profiles) => job.updateProgress({ profiles }),
  });
  await recordShard(ctx.store, run._id, payload.index, result.counts, result.profiles);
  log.info(
    { profiles: result.profiles, written: result.written, ms: Date.now() - started },
    "shard evaluated",
  );
  return result;
}
