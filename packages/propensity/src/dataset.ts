/**
 * Examples from profiles, point in time (README.md, "Examples, point in time"). For a cutoff `c`,
 * a profile's features read its events in `(c - lookback, c]` and its label says whether the goal
 * occurred in `(c, c + window]`; the profile is an example at `c` when it had an event by then (it
 * existed) and the eligible expression selects it as of `c`.
 *
 * Cutoffs step back from `now` by the window: `c_k = now - k·window`.
 * - `k = 1` (labels up to `now`) is held out: half the profiles (by a hash of the id) validate
 *   (early stopping, model selection), the other half test (the metrics we report).
 * - `k >= 2` train, for every `c_k` whose lookback lies inside the data's history: a time-based
 *   split, the model is judged on a later period than it learned from.
 * - With too little history for any `k >= 2`, `k = 1` is split by profile instead (60/20/20) and
 *   the metrics say so (`split: "profiles"`).
 * - `k = 0` (cutoff `now`, no label) is what gets scored.
 */
import type { Profile } from "@segflow/segment-language";
import { readAttribute } from "./attribute-path.js";
import type { ModelConditions } from "./conditions.js";
import type { RawRow } from "./encoder.js";
import { behaviourFeatures, type FeatureLayout, featureLayout } from "./features.js";
import type { ModelSpec } from "./model-spec.js";
import { type EventSeries, profileAsOf, timelineOf } from "./timeline.js";

const DAY_MS = 86_400_000;

export interface ExampleSet {
  rows: RawRow[];
  labels: number[];
  profileIds: string[];
}

export interface Datasets {
  layout: FeatureLayout;
  train: ExampleSet;
  validation: ExampleSet;
  test: ExampleSet;
  /** Eligible profiles as of `now`, to score. */
  scoring: { rows: RawRow[]; profileIds: string[] };
  split: "time" | "profiles";
  /** Cutoffs the training examples come from, newest first. */
  trainingCutoffs: Date[];
  historyStart: Date | undefined;
}

export class DataCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`training data fails its checks: ${problems.join("; ")}`);
    this.name = "DataCheckError";
  }
}

/** A stable hash of a profile id into [0, 1), for splits that do not depend on input order. */
export function unitHash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 2 ** 32;
}

function emptySet(): ExampleSet {
  return { rows: [], labels: [], profileIds: [] };
}

export function rawRow(
  timeline: EventSeries,
  attributes: unknown[],
  cutoffMs: number,
  layout: FeatureLayout,
): RawRow {
  return { behaviour: behaviourFeatures(timeline, cutoffMs, layout), attributes, cutoffMs };
}

/** What a profile leaves behind once its labels and eligibility are known: no event objects. */
interface ProfileRecord {
  id: string;
  timeline: EventSeries;
  attributes: unknown[];
  eligibleNow: boolean;
  /** Labelled cutoffs `k` (>= 1) where the profile existed and was eligible. */
  ks: number[];
  labels: number[];
}

const MAX_DISCOVERED_EVENT_TYPES = 20;

/**
 * Collects examples one profile at a time (profiles may stream from MongoDB or a file). Labels and
 * eligibility are decided as profiles arrive; features are computed at {@link finish}, once the
 * event types to count are known (the model's, or the most frequent ones in the data).
 */
export class DatasetBuilder {
  private readonly nowMs: number;
  private readonly windowMs: number;
  private readonly records: ProfileRecord[] = [];
  private readonly typeCounts = new Map<string, number>();
  private historyStartMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly spec: ModelSpec,
    now: Date,
    private readonly conditions: ModelConditions,
  ) {
    this.nowMs = now.getTime();
    this.windowMs = spec.windowDays * DAY_MS;
  }

  add(profile: Profile): void {
    const timeline = timelineOf(profile);
    const first = timeline.times[0];
    if (first !== undefined && first < this.historyStartMs) this.historyStartMs = first;
    for (const type of timeline.types) {
      if (type !== undefined) this.typeCounts.set(type, (this.typeCounts.get(type) ?? 0) + 1);
    }
    const record: ProfileRecord = {
      id: profile.id,
      timeline: { times: timeline.times, types: timeline.types, revenue: timeline.revenue },
      attributes: this.spec.attributes.map((path) => readAttribute(profile.attributes, path)),
      eligibleNow: this.conditions.eligibleAt(profileAsOf(profile, timeline, this.nowMs), this.nowMs),
      ks: [],
      labels: [],
    };
    for (let k = 1; first !== undefined; k++) {
      const cutoff = this.nowMs - k * this.windowMs;
      if (cutoff < first) break; // not a customer yet
      if (!this.conditions.eligibleAt(profileAsOf(profile, timeline, cutoff), cutoff)) continue;
      const occurred = this.conditions.goalInWindow(profile, cutoff);
      record.ks.push(k);
      record.labels.push((this.spec.type === "conversion" ? occurred : !occurred) ? 1 : 0);
    }
    this.records.push(record);
  }

  /** The event types features count: the model's, else the most frequent in the data. */
  eventTypes(): string[] {
    if (this.spec.eventTypes !== undefined) return [...this.spec.eventTypes];
    return [...this.typeCounts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_DISCOVERED_EVENT_TYPES)
      .map(([type]) => type);
  }

  /** The sets, after the data checks; throws {@link DataCheckError} saying what is missing. */
  finish(): Datasets {
    const { lookbackDays, windowDays } = this.spec;
    const historyStart = Number.isFinite(this.historyStartMs) ? new Date(this.historyStartMs) : undefined;
    const historyDays = historyStart === undefined ? 0 : (this.nowMs - this.historyStartMs) / DAY_MS;
    if (historyDays < lookbackDays + windowDays) {
      throw new DataCheckError([
        `the events span ${historyDays.toFixed(1)} days before now; training needs at least the lookback ` +
          `plus the window, ${lookbackDays} + ${windowDays} = ${lookbackDays + windowDays} days`,
      ]);
    }
    const layout = featureLayout(lookbackDays, this.eventTypes(), this.spec.attributes);
    const lookbackInHistory = (k: number) =>
      this.nowMs - k * this.windowMs - lookbackDays * DAY_MS >= this.historyStartMs;
    const split = this.records.some((r) => r.ks.some((k) => k >= 2 && lookbackInHistory(k)))
      ? "time"
      : "profiles";
    const train = emptySet();
    const validation = emptySet();
    const test = emptySet();
    const scoring: Datasets["scoring"] = { rows: [], profileIds: [] };
    const trainKs = new Set<number>();
    for (const r of this.records) {
      if (r.eligibleNow) {
        scoring.rows.push(rawRow(r.timeline, r.attributes, this.nowMs, layout));
        scoring.profileIds.push(r.id);
      }
      const u = unitHash(r.id);
      r.ks.forEach((k, i) => {
        let target: ExampleSet | undefined;
        if (k === 1) {
          if (split === "time") target = u < 0.5 ? validation : test;
          else target = u < 0.6 ? train : u < 0.8 ? validation : test;
        } else if (split === "time" && lookbackInHistory(k)) {
          target = train;
          trainKs.add(k);
        }
        if (target === undefined) return;
        target.rows.push(rawRow(r.timeline, r.attributes, this.nowMs - k * this.windowMs, layout));
        target.labels.push(r.labels[i]!);
        target.profileIds.push(r.id);
      });
    }
    const problems: string[] = [];
    const positives = train.labels.reduce((s, y) => s + y, 0);
    const negatives = train.labels.length - positives;
    const { minPositives, minNegatives } = this.spec.dataChecks;
    const what = this.spec.type === "churn" ? "churned" : "converted";
    if (positives < minPositives)
      problems.push(`${positives} positive training examples (${what}); at least ${minPositives} are needed`);
    if (negatives < minNegatives)
      problems.push(`${negatives} negative training examples; at least ${minNegatives} are needed`);
    for (const [name, set] of [
      ["validation", validation],
      ["test", test],
    ] as const) {
      const pos = set.labels.reduce((s, y) => s + y, 0);
      if (set.labels.length === 0)
        problems.push(`there are no ${name} examples (profiles that existed one window before now)`);
      else if (pos === 0 || pos === set.labels.length)
        problems.push(`the ${name} examples hold only one class (${pos} of ${set.labels.length} positive)`);
    }
    if (problems.length > 0) throw new DataCheckError(problems);
    return {
      layout,
      train,
      validation,
      test,
      scoring,
      split,
      trainingCutoffs: (split === "time" ? [...trainKs].sort((a, b) => a - b) : [1]).map(
        (k) => new Date(this.nowMs - k * this.windowMs),
      ),
      historyStart,
    };
  }
}
