/**
 * Propensity scores on profiles: `scores.<model id>` (packages/propensity/README.md, "Scores and
 * factors"), written only where something a reader sees changed, so a repeated scoring shard
 * writes nothing new.
 */
import type { AnyBulkWriteOperation } from "mongodb";
import type { ProfileDoc, ScoreEntry } from "./documents.js";
import { inIdOrder } from "./id-order.js";
import type { Store } from "./store.js";

/** Same probability, band, percentile, factors and version: `scoredAt` alone is no change. */
export function sameScore(previous: unknown, next: ScoreEntry): boolean {
  if (previous === null || typeof previous !== "object") return false;
  const p = previous as Partial<ScoreEntry>;
  return (
    p.probability === next.probability &&
    p.score === next.score &&
    p.percentile === next.percentile &&
    p.bucket === next.bucket &&
    p.modelVersion === next.modelVersion &&
    JSON.stringify(p.factors) === JSON.stringify(next.factors)
  );
}

export async function writeScores(
  store: Store,
  modelId: string,
  entries: readonly { profileId: string; entry: ScoreEntry }[],
): Promise<number> {
  if (entries.length === 0) return 0;
  // In id order: see id-order.ts.
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = inIdOrder(entries, (e) => e.profileId).map(
    ({ profileId, entry }) => ({
      updateOne: { filter: { _id: profileId }, update: { $set: { [`scores.${modelId}`]: entry } } },
    }),
  );
  const result = await store.profiles.bulkWrite(ops, { ordered: false });
  return result.modifiedCount;
}
