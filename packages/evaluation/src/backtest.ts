/**
 * Backtests: how big a definition's audience would have been at each of a series of past
 * instants. One uniform sample (sample.ts) is read once; each sampled profile is evaluated at
 * every instant by the language's rules (docs/segment-language.md, "Events": events later than
 * the instant do not exist), with its attributes as stored today. Nothing is written.
 */
import { type CompiledSegments, DURATION_UNITS, UNIT_MS } from "@segflow/segment-language";
import type { Store } from "@segflow/store";
import { CONFIDENCE, type ScaledCount, scaleCount } from "./estimate.js";
import { CHUNK_PROFILES, readSample, type SampleOptions, type SampleSummary } from "./sample.js";

/** Instants a backtest evaluates at most: each costs one evaluation of every sampled profile. */
export const MAX_BACKTEST_POINTS = 400;

const STEP = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/;

/**
 * A step in the language's duration units (`"1 day"`, `"6 hours"`, `"90 minutes"`, `"2 weeks"`)
 * in milliseconds, or undefined when it is not one or is not positive.
 */
export function parseStep(text: string): number | undefined {
  const m = STEP.exec(text);
  const unit = m && DURATION_UNITS[m[2]!.toLowerCase()];
  if (!m || !unit) return undefined;
  const ms = Number(m[1]) * UNIT_MS[unit];
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** `from`, `from + step`, … up to and including `to` when a step lands on it. */
export function backtestInstants(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let k = 0; fromMs + k * stepMs <= toMs; k++) out.push(fromMs + k * stepMs);
  return out;
}

/** How many instants {@link backtestInstants} gives, without listing them. */
export function backtestPointCount(fromMs: number, toMs: number, stepMs: number): number {
  return toMs < fromMs ? 0 : Math.floor((toMs - fromMs) / stepMs) + 1;
}

/** What to backtest, at which instants, from which sample (SampleOptions: size, first bucket, budget). */
export interface BacktestOptions extends SampleOptions {
  compiled: CompiledSegments;
  segmentId: string;
  /** Instants, in milliseconds: one point each, in this order. */
  instants: readonly number[];
}

export interface BacktestPoint extends ScaledCount {
  atMs: number;
  /** Sampled profiles in the segment at that instant. */
  matched: number;
}

export interface BacktestResult {
  points: BacktestPoint[];
  sample: SampleSummary;
  confidence: number;
}

export async function backtestSegment(store: Store, options: BacktestOptions): Promise<BacktestResult> {
  const { compiled, instants } = options;
  const index = compiled.ids.indexOf(options.segmentId);
  if (index < 0) throw new RangeError(`segment ${JSON.stringify(options.segmentId)} is not compiled`);
  const matched = new Array<number>(instants.length).fill(0);
  // Evaluating a profile at about a hundred instants costs as much again as reading it
  // (bench/README.md): chunks shrink so that each costs about what an estimate's does, and the
  // chunks under way when the time budget ends add as little to the answer's time.
  const chunkProfiles =
    options.chunkProfiles ?? Math.max(10, Math.round(CHUNK_PROFILES / (1 + instants.length / 100)));
  const sample = await readSample(store, { ...options, chunkProfiles }, (profile) => {
    for (let k = 0; k < instants.length; k++) {
      if (compiled.evaluate(profile, instants[k]!)[index]) matched[k]!++;
    }
  });
  return {
    points: instants.map((atMs, k) => ({ atMs, matched: matched[k]!, ...scaleCount(matched[k]!, sample) })),
    sample,
    confidence: CONFIDENCE,
  };
}
