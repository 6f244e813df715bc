/**
 * One shard of a run with its bookkeeping: claims the shard's own `run_shards` document, reports
 * the profiles evaluated into it as the shard goes (so a run's progress moves before any shard
 * ends), and records the counts when it is done. A retry, or another worker taking over a
 * stalled shard, is a new attempt: its count restarts from 0 in the same document, and the
 * reports of the attempt it replaced are ignored, so no profile is counted twice.
 */
import { randomUUID } from "node:crypto";
import {
  beginShard,
  type RunDoc,
  recordShard,
  reportShardProgress,
  type ShardRange,
  type Store,
} from "@segflow/store";
import { evaluateShard, type ShardOptions, type ShardResult } from "./evaluate-shard.js";

export async function runShard(
  store: Store,
  run: RunDoc,
  shard: Pick<ShardRange, "index" | "bucketFrom" | "bucketTo">,
  options: ShardOptions = {},
): Promise<ShardResult> {
  const attempt = randomUUID();
  await beginShard(store, run._id, shard.index, attempt);
  const result = await evaluateShard(store, run, shard, {
    ...options,
    onProgress: async (profiles) => {
      await reportShardProgress(store, run._id, shard.index, attempt, profiles);
      await options.onProgress?.(profiles);
    },
  });
  await recordShard(store, run._id, shard.index, result.counts, result.profiles);
  return result;
}
