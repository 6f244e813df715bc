/**
 * From a trained model to what is written on a profile (Adobe Customer AI's shape):
 * `probability` 0-1, `score` 0-100 (the probability in percent, rounded), `percentile` 1-100
 * (against the probabilities of the population scored when the model was fitted), the score
 * band (low below `buckets.medium`, high from `buckets.high`, on the score; written as `bucket`)
 * and the top three `factors`.
 */
import type { Profile } from "@segflow/segment-language";
import { type Factor, topFactors } from "./attribution.js";
import type { Calibration } from "./calibration.js";
import { compileModelConditions, type ModelConditions } from "./conditions.js";
import { FixedValues } from "./event-values.js";
import { type FeatureSchema, RowWriter } from "./feature-schema.js";
import type { Matrix } from "./matrix.js";
import type { ModelSpec } from "./model-spec.js";
import type { NetworkWeights } from "./network.js";
import { Predictor } from "./predictor.js";
import { foldHinges, type Scaling, scale } from "./scaling.js";
import { eventSeries, profileAsOf, type Timeline, timelineOf } from "./timeline.js";

/** Where a score falls among the model's thresholds (its spec's `buckets`). */
export type ScoreBand = "low" | "medium" | "high";

export interface ProfileScore {
  probability: number;
  score: number;
  percentile: number;
  /** The score band, named `bucket` in every stored and JSON shape (ARCHITECTURE.md, "Conventions"). */
  bucket: ScoreBand;
  factors: Factor[];
}

export interface ScoredProfile extends ProfileScore {
  id: string;
}

/** The artefact format this code writes and reads; older versions must be trained again. */
export const ARTEFACT_FORMAT = 2;

/** Everything needed to score again later, stored with each model version. */
export interface ModelArtefact {
  format: typeof ARTEFACT_FORMAT;
  spec: Pick<
    ModelSpec,
    "type" | "goal" | "windowDays" | "lookbackDays" | "eligible" | "attributes" | "buckets"
  >;
  /** The columns and how a profile fills them. */
  schema: FeatureSchema;
  scaling: Scaling;
  /** One network, or an ensemble whose logit is their mean. */
  networks: NetworkWeights[];
  calibration: Calibration;
  /** The 1st..99th percentiles of the probabilities of the population scored at fit time. */
  percentileCutpoints: number[];
}

export function bandOf(score: number, thresholds: ModelSpec["buckets"]): ScoreBand {
  if (score >= thresholds.high) return "high";
  return score >= thresholds.medium ? "medium" : "low";
}

export function percentileOf(probability: number, cutpoints: readonly number[]): number {
  let lo = 0;
  let hi = cutpoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cutpoints[mid]! < probability) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(100, lo + 1);
}

export function percentileCutpoints(probabilities: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(probabilities).sort();
  if (sorted.length === 0) return [];
  return Array.from(
    { length: 99 },
    (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / 100))]!,
  );
}

/** Scores rows whose natural values and model inputs are known (fit time, and {@link Scorer}). */
export function scoreRows(
  predictor: Predictor,
  artefact: Pick<ModelArtefact, "schema" | "scaling" | "percentileCutpoints" | "spec">,
  x: Matrix,
  natural: Matrix,
  p: Float32Array = predictor.probabilities(x),
): { scores: ProfileScore[]; contributions: Float32Array } {
  // One contribution per natural feature: what a person reads (scaling.ts, hinges).
  const contributions = foldHinges(artefact.scaling, predictor.attributions(x), x.rows, natural.cols);
  const names = artefact.schema.features.map((f) => f.label);
  const scores = Array.from(p, (probability, i) => {
    // The score is read from the probability as written, so that the two never disagree (a
    // float32 0.40499999 is written 0.405, which reads as 41, not 40).
    const written = Math.round(probability * 1e6) / 1e6;
    const score = Math.round(written * 100);
    return {
      probability: written,
      score,
      percentile: percentileOf(probability, artefact.percentileCutpoints),
      bucket: bandOf(score, artefact.spec.buckets),
      factors: topFactors(contributions, i, natural.cols, names, natural.data),
    };
  });
  return { scores, contributions };
}

/** Scores profiles with a stored model: the trainer's shards and anything else after fitting. */
export class Scorer {
  private readonly predictor: Predictor;
  private readonly conditions: ModelConditions;
  private readonly writer: RowWriter;
  private readonly values: FixedValues;

  constructor(readonly artefact: ModelArtefact) {
    if (artefact.format !== ARTEFACT_FORMAT) {
      throw new Error(
        `this model version was fitted by an earlier segflow (artefact format ${String(artefact.format)}, ` +
          `this one reads ${ARTEFACT_FORMAT}): train the model again`,
      );
    }
    this.predictor = Predictor.fromWeights(artefact.networks, artefact.calibration);
    this.conditions = compileModelConditions(artefact.spec);
    this.writer = new RowWriter(artefact.schema);
    this.values = new FixedValues(artefact.schema.layout.values);
  }

  /** Eligible profiles only, scored as of `now`. */
  score(profiles: readonly Profile[], now: Date): ScoredProfile[] {
    const nowMs = now.getTime();
    const eligible: Profile[] = [];
    const timelines: Timeline[] = [];
    for (const profile of profiles) {
      const timeline = timelineOf(profile);
      if (!this.conditions.eligibleAt(profileAsOf(profile, timeline, nowMs), nowMs)) continue;
      eligible.push(profile);
      timelines.push(timeline);
    }
    const natural: Matrix = {
      rows: eligible.length,
      cols: this.writer.size,
      data: new Float32Array(eligible.length * this.writer.size),
    };
    eligible.forEach((profile, row) => {
      const series = eventSeries(
        timelines[row]!,
        (event, atMs) => this.conditions.matchesGoal(profile, event, atMs),
        this.values,
      );
      this.writer.write(series, profile.attributes, nowMs, natural.data, row);
    });
    const x = scale(this.artefact.scaling, natural);
    return scoreRows(this.predictor, this.artefact, x, natural).scores.map((s, i) => ({
      id: eligible[i]!.id,
      ...s,
    }));
  }

  dispose(): void {
    this.predictor.dispose();
  }
}
