/**
 * Segment size from a sample. A profile's bucket is a hash of its id, so the profiles of any
 * contiguous bucket range are a uniform random sample: the estimate reads one random range,
 * sized to hold about `sampleSize` profiles, through the same shard reader the workers use.
 */
import type { CompiledSegments } from "@segflow/segment-language";
import { BUCKETS, readShard, type Store } from "@segflow/store";

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export interface Interval {
  /** Proportions, 0..1. */
  low: number;
  high: number;
}

/**
 * Wilson score interval for `matched` of `n` sampled from a population of `population`, with
 * the finite population correction: a sample of the whole population gives the exact answer.
 */
export function wilsonInterval(matched: number, n: number, population: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = matched / n;
  if (population <= n) return { low: p, high: p };
  // Variance p(1-p)/n shrinks by (N-n)/(N-1): the same as a larger effective sample.
  const nEff = (n * (population - 1)) / (population - n);
  const z2 = z * z;
  const denom = 1 + z2 / nEff;
  const centre = (p + z2 / (2 * nEff)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Buckets to read so that they hold about `sampleSize` of `population` profiles. */
export function bucketsFor(sampleSize: number, population: number): number {
  if (population <= 0) return BUCKETS;
  return Math.max(1, Math.min(BUCKETS, Math.ceil((sampleSize / population) * BUCKETS)));
}

export interface EstimateResult {
  estimate: number;
  sampleSize: number;
  matched: number;
  population: number;
  interval: { low: number; high: number; confidence: number };
  buckets: { from: number; count: number };
}

export interface EstimateOptions {
  compiled: CompiledSegments;
  segmentId: string;
  sampleSize: number;
  nowMs: number;
  /** First bucket of the range; random when absent. */
  from?: number;
}

export async function estimateSegment(store: Store, options: EstimateOptions): Promise<EstimateResult> {
  // estimatedDocumentCount reads collection metadata: cheap on MongoDB, good enough to size the range.
  const population = await store.profiles.estimatedDocumentCount();
  const count = bucketsFor(options.sampleSize, population);
  const from = options.from ?? Math.floor(Math.random() * BUCKETS);
  // The range may wrap past the last bucket: then it is two reads.
  const ranges =
    from + count <= BUCKETS
      ? [{ bucketFrom: from, bucketTo: from + count }]
      : [
          { bucketFrom: from, bucketTo: BUCKETS },
          { bucketFrom: 0, bucketTo: from + count - BUCKETS },
        ];
  const index = options.compiled.ids.indexOf(options.segmentId);
  let n = 0;
  let matched = 0;
  for (const range of ranges) {
    for await (const { profile } of readShard(store, range)) {
      n++;
      if (options.compiled.evaluate(profile, options.nowMs)[index]) matched++;
    }
  }
  // Whole buckets are read, so the sample may differ a little from the size asked for; a sample
  // of every bucket is the population itself.
  const N = count === BUCKETS ? n : Math.max(population, n);
  const { low, high } = wilsonInterval(matched, n, N);
  return {
    estimate: n === 0 ? 0 : Math.round((matched / n) * N),
    sampleSize: n,
    matched,
    population: N,
    // The epsilon keeps float noise (0.3 * 1000 = 300.00000000000006) from widening an exact count.
    interval: { low: Math.floor(low * N + 1e-9), high: Math.ceil(high * N - 1e-9), confidence: 0.95 },
    buckets: { from, count },
  };
}
