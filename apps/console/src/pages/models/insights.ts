/**
 * A model version's insights (`GET /v1/models/:id`, `metrics` and `outcomes`) → the rows the
 * charts and tables of the model page draw. Rates become percentages here, once, so that every
 * chart labels the same unit the same way.
 */
import type { ModelDetailResponse, ModelInsights, ModelStatus } from "@segflow/api-contract";

export type ModelDetail = ModelDetailResponse;
export type Insights = ModelInsights;
type Outcomes = NonNullable<ModelDetail["outcomes"]>;

export const BANDS = ["high", "medium", "low"] as const;
export type Band = (typeof BANDS)[number];

/** A share (0-1) in percent, to one decimal. */
export const percent = (share: number): number => Math.round(share * 1000) / 10;

/** Profiles by score range, with their share of all scored profiles. */
export function distributionRows(m: Insights): { range: string; profiles: number; share: number }[] {
  const total = m.scoreDistribution.reduce((sum, b) => sum + b.count, 0);
  return m.scoreDistribution.map((b) => ({
    range: `${b.from}–${b.to}`,
    profiles: b.count,
    share: total === 0 ? 0 : percent(b.count / total),
  }));
}

/**
 * Lift and cumulative gain by decile (decile 1: the tenth with the highest probabilities), with
 * the gain of picking profiles at random (a decile's share of the population) to compare against.
 */
export function liftRows(
  m: Insights,
): { decile: string; lift: number; gain: number; random: number; rate: number }[] {
  return m.deciles.map((d) => ({
    decile: `D${d.decile}`,
    lift: Math.round(d.lift * 100) / 100,
    gain: percent(d.cumulativeGain),
    random: d.decile * 10,
    rate: percent(d.rate),
  }));
}

/** Calibration: the mean predicted probability of each decile against its observed outcome rate. */
export function calibrationRows(m: Insights): { decile: string; predicted: number; actual: number }[] {
  return m.deciles.map((d) => ({
    decile: `D${d.decile}`,
    predicted: percent(d.meanPredicted),
    actual: percent(d.rate),
  }));
}

/** Predicted against actual outcome rates per score band, once the window has passed since scoring. */
export function outcomeRows(
  outcomes: Outcomes,
): { band: Band; profiles: number; predicted: number | null; actual: number | null }[] | null {
  const byBand = outcomes.byBucket;
  if (outcomes.status !== "checked" || !byBand) return null;
  return BANDS.map((band) => ({
    band,
    profiles: byBand[band].profiles,
    predicted: byBand[band].predictedRate === null ? null : percent(byBand[band].predictedRate),
    actual: byBand[band].actualRate === null ? null : percent(byBand[band].actualRate),
  }));
}

/** Statuses that change by themselves (a trainer is at work): the page polls while the model has one. */
export const BUSY_STATUSES: readonly ModelStatus[] = ["training", "scoring"];

/** Mantine colour names per model status, for badges. */
export const STATUS_COLORS: Record<ModelStatus, string> = {
  untrained: "gray",
  training: "blue",
  scoring: "cyan",
  ready: "green",
  poor: "orange",
  failed: "red",
};

export const formatAuc = (auc: number | null | undefined): string =>
  auc === null || auc === undefined || Number.isNaN(auc) ? "—" : auc.toFixed(3);

/** A factor's feature name as a person reads it (`loyalty.tier=gold` → `loyalty.tier = gold`). */
/** Factors are named by readable labels; versions trained before them by keys such as `plan=free`. */
export const featureLabel = (feature: string): string =>
  feature.includes(" ") ? feature : feature.replace(/=/, " = ");

/**
 * A signed contribution to the log-odds as shown: ▲ raises the score, ▼ lowers it, and one that
 * rounds to zero at three decimals is neither.
 */
export function effectLabel(impact: number): { text: string; color: string } {
  const text = Math.abs(impact).toFixed(3);
  if (Number(text) === 0) return { text: "0.000", color: "dimmed" };
  return impact > 0 ? { text: `▲ +${text}`, color: "teal.8" } : { text: `▼ −${text}`, color: "red.8" };
}
