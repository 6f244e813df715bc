/**
 * From a trained model to what is written on a profile (Adobe Customer AI's shape):
 * `probability` 0-1, `score` 0-100 (the probability in percent, rounded), `percentile` 1-100
 * (against the probabilities of the population scored when the model was fitted), the score
 * band (low below `buckets.medium`, high from `buckets.high`, on the score; written as `bucket`)
 * and the top three `factors`.
 */
import type { Profile } from "@segflow/segment-language";
import * as tf from "@tensorflow/tfjs";
import { readAttribute } from "./attribute-path.js";
import { attributions, type Factor, topFactors } from "./attribution.js";
import { compileModelConditions, type ModelConditions } from "./conditions.js";
import { rawRow } from "./dataset.js";
import { type Encoder, encodeInto, naturalValues, type RawRow } from "./encoder.js";
import type { Matrix } from "./matrix.js";
import { toTensor } from "./matrix.js";
import type { ModelSpec } from "./model-spec.js";
import { Network, type NetworkWeights } from "./network.js";
import { profileAsOf, timelineOf } from "./timeline.js";

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

/** Everything needed to score again later, stored with each model version. */
export interface ModelArtefact {
  format: 1;
  spec: Pick<
    ModelSpec,
    "type" | "goal" | "windowDays" | "lookbackDays" | "eligible" | "attributes" | "buckets"
  >;
  encoder: Encoder;
  network: NetworkWeights;
  /** Added to the network's logit: undoes the class weighting of training. */
  logitOffset: number;
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

export function percentileCutpoints(probabilities: readonly number[]): number[] {
  const sorted = [...probabilities].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return Array.from(
    { length: 99 },
    (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / 100))]!,
  );
}

export function encodeRows(
  encoder: Encoder,
  rows: readonly RawRow[],
): { x: Matrix; natural: Float64Array[] } {
  const cols = encoder.features.length;
  const x: Matrix = { rows: rows.length, cols, data: new Float32Array(rows.length * cols) };
  const natural = rows.map((row, i) => {
    const values = naturalValues(encoder, row);
    encodeInto(encoder, values, x.data, i * cols);
    return values;
  });
  return { x, natural };
}

/** Calibrated probabilities for encoded rows. */
export function probabilities(network: Network, logitOffset: number, x: Matrix): Float32Array {
  if (x.rows === 0) return new Float32Array(0);
  return tf.tidy(() => tf.sigmoid(network.logits(toTensor(x)).add(logitOffset)).dataSync() as Float32Array);
}

/** Scores with the network already built (fit time) or rebuilt from an artefact (see {@link Scorer}). */
export function scoreEncoded(
  network: Network,
  artefact: Pick<ModelArtefact, "encoder" | "logitOffset" | "percentileCutpoints" | "spec">,
  x: Matrix,
  natural: readonly Float64Array[],
  p: Float32Array = probabilities(network, artefact.logitOffset, x),
): { scores: ProfileScore[]; contributions: Float32Array } {
  const contributions = attributions(network, x);
  const names = artefact.encoder.features.map((f) => f.name);
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
      factors: topFactors(contributions, i, x.cols, names, natural[i]!),
    };
  });
  return { scores, contributions };
}

/** Scores profiles with a stored model: the trainer's shards and anything else after fitting. */
export class Scorer {
  private readonly network: Network;
  private readonly conditions: ModelConditions;

  constructor(readonly artefact: ModelArtefact) {
    this.network = Network.fromWeights(artefact.network);
    this.conditions = compileModelConditions(artefact.spec);
  }

  /** Eligible profiles only, scored as of `now`. */
  score(profiles: readonly Profile[], now: Date): ScoredProfile[] {
    const nowMs = now.getTime();
    const ids: string[] = [];
    const rows: RawRow[] = [];
    const { layout } = this.artefact.encoder;
    for (const profile of profiles) {
      const timeline = timelineOf(profile);
      if (!this.conditions.eligibleAt(profileAsOf(profile, timeline, nowMs), nowMs)) continue;
      const attributes = layout.attributes.map((path) => readAttribute(profile.attributes, path));
      rows.push(rawRow(timeline, attributes, nowMs, layout));
      ids.push(profile.id);
    }
    const { x, natural } = encodeRows(this.artefact.encoder, rows);
    return scoreEncoded(this.network, this.artefact, x, natural).scores.map((s, i) => ({
      id: ids[i]!,
      ...s,
    }));
  }

  dispose(): void {
    this.network.dispose();
  }
}
