/**
 * Predicted versus actual, once the prediction window has passed since scoring: for each score
 * band (`byBucket`, stored name), the mean probability the version wrote and the share of those profiles for which the outcome
 * (the goal, or for churn its absence) happened in the window after their `scoredAt`.
 */
import { compileModelConditions, type ModelArtefact } from "@segflow/propensity";
import {
  BUCKETS,
  type ModelOutcomes,
  readShard,
  recordOutcomes,
  type ScoreEntry,
  type Store,
} from "@segflow/store";
import { trainedSpec } from "./model-documents.js";

const DAY_MS = 86_400_000;

export async function checkOutcomes(
  store: Store,
  modelId: string,
  version: number,
  artefact: Pick<ModelArtefact, "spec">,
  now = new Date(),
): Promise<ModelOutcomes> {
  const conditions = compileModelConditions(artefact.spec);
  const windowMs = artefact.spec.windowDays * DAY_MS;
  const acc = {
    low: { profiles: 0, predicted: 0, actual: 0 },
    medium: { profiles: 0, predicted: 0, actual: 0 },
    high: { profiles: 0, predicted: 0, actual: 0 },
  };
  let pending = 0;
  for await (const { doc, profile } of readShard(store, { bucketFrom: 0, bucketTo: BUCKETS })) {
    const entry = doc.scores?.[modelId] as ScoreEntry | undefined;
    if (entry?.modelVersion !== version) continue;
    const cutoff = new Date(entry.scoredAt).getTime();
    if (cutoff + windowMs > now.getTime()) {
      pending++; // its window has not passed yet
      continue;
    }
    const occurred = conditions.goalInWindow(profile, cutoff);
    const positive = artefact.spec.type === "conversion" ? occurred : !occurred;
    const band = acc[entry.bucket];
    band.profiles++;
    band.predicted += entry.probability;
    if (positive) band.actual++;
  }
  const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 10_000) / 10_000);
  const byBucket = Object.fromEntries(
    Object.entries(acc).map(([band, a]) => [
      band,
      {
        profiles: a.profiles,
        predictedRate: rate(a.predicted, a.profiles),
        actualRate: rate(a.actual, a.profiles),
      },
    ]),
  ) as ModelOutcomes["byBucket"];
  return { checkedAt: now, pendingProfiles: pending, byBucket };
}

/**
 * Checks a scored version's outcomes (with the spec it was trained with) and stores them on it;
 * null when the version no longer exists.
 */
export async function checkVersionOutcomes(
  store: Store,
  modelId: string,
  version: number,
  now = new Date(),
): Promise<ModelOutcomes | null> {
  const spec = await trainedSpec(store, modelId, version);
  if (!spec) return null;
  const outcomes = await checkOutcomes(store, modelId, version, { spec }, now);
  await recordOutcomes(store, modelId, version, outcomes);
  return outcomes;
}
