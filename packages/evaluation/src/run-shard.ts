/**
 * One shard of a run with its bookkeeping: claims the shard's own `run_shards` document, reports
 * the profiles evaluated into it as the shard goes (so a run's progress moves before any shard
 * ends), and records the counts when it is done. A retry, or another worker taking over a
 * stalled shard, is a new attempt: its count restarts from 0 in the same document, and the
 * reports of the attempt it replaced are ignored, so no profile is counted twice.
 *
 * Fencing (ARCHITECTURE.md, "A batch run"): an attempt writes memberships only while it is the
 * shard's current attempt (checked before each write batch, and each profile's write is
 * conditional on the entries it read), and finishes the shard only as the current attempt. A
 * worker that paused past its lock and whose shard another worker took over stops at its next
 * write with a ShardAttemptReplacedError, having changed nothing.
 */
import { randomUUID } from "node:crypto";
import {
  beginShard,
  finishedShard,
  finishShardAttempt,
  type RunDoc,
  reportShardProgress,
  type ShardRange,
  type Store,
  shardAttemptCurrent,
} from "@segflow/store";
import { evaluateShard, type ShardOptions, type ShardResult } from "./evaluate-shard.js";

/** This shard attempt was replaced by another (its job taken over): it must not write. */
export class ShardAttemptReplacedError extends Error {
  override name = "ShardAttemptReplacedError";
  constructor(runId: string, index: number) {
    super(`shard ${index} of run ${runId} was taken over by another attempt; this one writes nothing more`);
  }
}

export async function runShard(
  store: Store,
  run: RunDoc,
  shard: Pick<ShardRange, "index" | "bucketFrom" | "bucketTo">,
  options: ShardOptions = {},
): Promise<ShardResult> {
  const attempt = randomUUID();
  if (!(await beginShard(store, run._id, shard.index, attempt))) {
    // Finished already (a retry after the shard recorded its counts): its outcome stands.
    const done = await finishedShard(store, run._id, shard.index);
    return {
      counts: done?.counts ?? {},
      profiles: done?.profiles ?? 0,
      written: 0,
      changes: 0,
      evaluationErrors: done?.evaluationErrors ?? [],
      evaluationErrorCount: done?.evaluationErrorCount ?? 0,
    };
  }
  const current = async () => {
    if (!(await shardAttemptCurrent(store, run._id, shard.index, attempt)))
      throw new ShardAttemptReplacedError(run._id, shard.index);
  };
  const result = await evaluateShard(store, run, shard, {
    ...options,
    beforeWrite: async () => {
      await current();
      await options.beforeWrite?.();
    },
    onProgress: async (profiles) => {
      await reportShardProgress(store, run._id, shard.index, attempt, profiles);
      await options.onProgress?.(profiles);
    },
  });
  if (!(await finishShardAttempt(store, run._id, shard.index, attempt, result)))
    throw new ShardAttemptReplacedError(run._id, shard.index);
  return result;
}
