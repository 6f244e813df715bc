/**
 * Segment size from a sample (sample.ts): the profiles of one random bucket range, evaluated as
 * of `now`, scaled to the population with a Wilson interval.
 */
import type { CompiledSegments } from "@segflow/segment-language";
import type { Store } from "@segflow/store";
import { readSample, type SampleOptions, type SampleSummary } from "./sample.js";

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The confidence of {@link wilsonInterval}'s default z, as answers state it. */
export const CONFIDENCE = 0.95;

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

/** A count in the sample, scaled to the population the sample stands for, with its 95% interval. */
export interface ScaledCount {
  estimate: number;
  /** Profiles, not proportions. */
  interval: { low: number; high: number };
}

export function scaleCount(matched: number, sample: Pick<SampleSummary, "size" | "population">): ScaledCount {
  const { size: n, population: N } = sample;
  const { low, high } = wilsonInterval(matched, n, N);
  return {
    estimate: n === 0 ? 0 : Math.round((matched / n) * N),
    // The epsilon keeps float noise (0.3 * 1000 = 300.00000000000006) from widening an exact count.
    interval: { low: Math.floor(low * N + 1e-9), high: Math.ceil(high * N - 1e-9) },
  };
}

export interface EstimateResult {
  estimate: number;
  sampleSize: number;
  /** The sample size asked for; `sampleSize` is smaller when the time budget cut the read. */
  sampleRequested: number;
  matched: number;
  population: number;
  interval: { low: number; high: number; confidence: number };
  buckets: { from: number; count: number };
  /** The time budget ended the read early (sample.ts): the sample is smaller than asked. */
  truncated: boolean;
}

/** What to estimate, at which instant, from which sample (SampleOptions: size, first bucket, budget). */
export interface EstimateOptions extends SampleOptions {
  compiled: CompiledSegments;
  segmentId: string;
  nowMs: number;
}

export async function estimateSegment(store: Store, options: EstimateOptions): Promise<EstimateResult> {
  const index = options.compiled.ids.indexOf(options.segmentId);
  let matched = 0;
  const sample = await readSample(store, options, (profile) => {
    if (options.compiled.evaluate(profile, options.nowMs)[index]) matched++;
  });
  const { estimate, interval } = scaleCount(matched, sample);
  return {
    estimate,
    sampleSize: sample.size,
    sampleRequested: sample.requested,
    matched,
    population: sample.population,
    interval: { ...interval, confidence: CONFIDENCE },
    buckets: sample.buckets,
    truncated: sample.truncated,
  };
}
