/**
 * Scores one shard with a stored model version and writes `scores.<model id>` where it changed
 * (a retried shard writes nothing new). Profiles are scored in batches as the shard streams; the
 * writes wait until the shard's cursors are drained (FerretDB stalls writes under an open cursor
 * over the collection; on MongoDB the order costs nothing).
 */
import { type ModelArtefact, Scorer } from "@segflow/propensity";
import type { Profile } from "@segflow/segment-language";
import {
  readShard,
  type ScoreEntry,
  type ShardRange,
  type Store,
  sameScore,
  writeScores,
} from "@segflow/store";

const BATCH = 1000;

export interface ScoreShardInput {
  modelId: string;
  version: number;
  artefact: ModelArtefact;
  range: Pick<ShardRange, "bucketFrom" | "bucketTo">;
  now: Date;
  /** Reuse a scorer across shards of the same version (it holds TF.js tensors). */
  scorer?: Scorer;
  onProgress?: (profiles: number) => void;
}

export async function scoreShard(
  store: Store,
  input: ScoreShardInput,
): Promise<{ scored: number; written: number }> {
  const scorer = input.scorer ?? new Scorer(input.artefact);
  const changes: { profileId: string; entry: ScoreEntry }[] = [];
  let batch: Profile[] = [];
  const previous = new Map<string, unknown>();
  let scored = 0;
  let read = 0;
  const flush = () => {
    for (const { id, ...score } of scorer.score(batch, input.now)) {
      scored++;
      const entry: ScoreEntry = { ...score, modelVersion: input.version, scoredAt: input.now };
      if (!sameScore(previous.get(id), entry)) changes.push({ profileId: id, entry });
    }
    batch = [];
    previous.clear();
    input.onProgress?.(read);
  };
  try {
    for await (const { doc, profile } of readShard(store, input.range)) {
      read++;
      previous.set(doc._id, doc.scores?.[input.modelId]);
      batch.push(profile);
      if (batch.length >= BATCH) flush();
    }
    flush();
  } finally {
    if (input.scorer === undefined) scorer.dispose();
  }
  const written = await writeScores(store, input.modelId, changes);
  return { scored, written };
}
