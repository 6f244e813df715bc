import { BUCKETS } from "./bucket.js";

/** Buckets `[bucketFrom, bucketTo)`: one shard of a run. */
export interface ShardRange {
  index: number;
  bucketFrom: number;
  bucketTo: number;
}

/** Splits the bucket space into `count` contiguous ranges of (nearly) equal size. */
export function planShards(count: number): ShardRange[] {
  const n = Math.max(1, Math.min(BUCKETS, Math.floor(count)));
  return Array.from({ length: n }, (_, index) => ({
    index,
    bucketFrom: Math.floor((index * BUCKETS) / n),
    bucketTo: Math.floor(((index + 1) * BUCKETS) / n),
  }));
}
