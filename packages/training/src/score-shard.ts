/**
 * Scores one shard with a stored model version and writes `scores.<model id>` where it changed
 * (a retried shard writes nothing new). Profiles are scored and their changed scores written in
 * batches of 1,000 as the shard streams: memory stays bounded, and each write stays under the
 * 25,000 operations a command the local FerretDB accepts (ARCHITECTURE.md). Writing behind the
 * open cursor is safe: scores are no part of the (bucket, _id) order it walks.
 */
import { initBackend, type ModelArtefact, Scorer } from "@segflow/propensity";
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
  // A caller's scorer was made under the backend its process picked; ours needs one picked too.
  if (input.scorer === undefined) await initBackend();
  const scorer = input.scorer ?? new Scorer(input.artefact);
  let batch: Profile[] = [];
  const previous = new Map<string, unknown>();
  let scored = 0;
  let read = 0;
  let written = 0;
  const flush = async () => {
    const changes: { profileId: string; entry: ScoreEntry }[] = [];
    for (const { id, ...score } of scorer.score(batch, input.now)) {
      scored++;
      const entry: ScoreEntry = { ...score, modelVersion: input.version, scoredAt: input.now };
      if (!sameScore(previous.get(id), entry)) changes.push({ profileId: id, entry });
    }
    batch = [];
    previous.clear();
    written += await writeScores(store, input.modelId, changes);
    input.onProgress?.(read);
  };
  try {
    for await (const { doc, profile } of readShard(store, input.range)) {
      read++;
      previous.set(doc._id, doc.scores?.[input.modelId]);
      batch.push(profile);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    if (input.scorer === undefined) scorer.dispose();
  }
  return { scored, written };
}
