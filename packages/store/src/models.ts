/**
 * Propensity models and their versions. A version is inserted only once training is complete
 * (artefact and metrics in one document), and a model's `activeVersion` moves to it only once
 * every shard of its scoring pass is done: a trainer killed mid-training or mid-scoring never
 * leaves a half-made version in use.
 */
import { MongoServerError } from "mongodb";
import type { ModelDoc, ModelOutcomes, ModelStatus, ModelVersionDoc, ScoreShardDoc } from "./documents.js";
import { DuplicateIdError } from "./segments.js";
import type { Store } from "./store.js";

export interface ModelInput {
  id: string;
  name: string;
  spec: Record<string, unknown>;
}

export async function createModel(store: Store, input: ModelInput, now = new Date()): Promise<ModelDoc> {
  const doc: ModelDoc = {
    _id: input.id,
    name: input.name,
    spec: input.spec,
    status: "untrained",
    activeVersion: null,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await store.models.insertOne(doc);
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 11000) {
      throw new DuplicateIdError(`model ${JSON.stringify(input.id)} already exists`);
    }
    throw error;
  }
  return doc;
}

export function getModel(store: Store, id: string): Promise<ModelDoc | null> {
  return store.models.findOne({ _id: id });
}

export function listModels(store: Store): Promise<ModelDoc[]> {
  return store.models.find({}).sort({ _id: 1 }).toArray();
}

export function updateModel(
  store: Store,
  id: string,
  patch: { name?: string; spec?: Record<string, unknown> },
  now = new Date(),
): Promise<ModelDoc | null> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return store.models.findOneAndUpdate(
    { _id: id },
    { $set: { ...set, updatedAt: now } },
    { returnDocument: "after" },
  );
}

export async function setModelStatus(
  store: Store,
  id: string,
  status: ModelStatus,
  extra: { error?: string | null; activeVersion?: number } = {},
  now = new Date(),
): Promise<void> {
  await store.models.updateOne(
    { _id: id },
    {
      $set: {
        status,
        error: extra.error ?? null,
        ...(extra.activeVersion === undefined ? {} : { activeVersion: extra.activeVersion }),
        updatedAt: now,
      },
    },
  );
}

/** Deletes the model and its versions; the scores already on profiles stay until overwritten. */
export async function deleteModel(store: Store, id: string): Promise<boolean> {
  const { deletedCount } = await store.models.deleteOne({ _id: id });
  if (deletedCount === 0) return false;
  await store.modelVersions.deleteMany({ modelId: id });
  return true;
}

export const versionId = (modelId: string, version: number) => `${modelId}/v${version}`;

/**
 * Stores a finished training as the model's next version. The number comes from the versions
 * that exist; two trainers racing for it are told apart by the unique `_id`, and the loser
 * takes the next number.
 */
export async function insertModelVersion(
  store: Store,
  modelId: string,
  fields: Pick<ModelVersionDoc, "status" | "artefact" | "metrics" | "trainedFor">,
  now = new Date(),
): Promise<ModelVersionDoc> {
  for (;;) {
    const last = await store.modelVersions.find({ modelId }).sort({ version: -1 }).limit(1).next();
    const version = (last?.version ?? 0) + 1;
    const doc: ModelVersionDoc = {
      _id: versionId(modelId, version),
      modelId,
      version,
      ...fields,
      trainedAt: now,
      scoring: null,
    };
    try {
      await store.modelVersions.insertOne(doc);
      return doc;
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
  }
}

export function getModelVersion(
  store: Store,
  modelId: string,
  version: number,
): Promise<ModelVersionDoc | null> {
  return store.modelVersions.findOne({ _id: versionId(modelId, version) });
}

/** Newest first, without the artefacts (they are large). */
export function listModelVersions(
  store: Store,
  modelId: string,
): Promise<Omit<ModelVersionDoc, "artefact">[]> {
  return store.modelVersions
    .find({ modelId }, { projection: { artefact: 0 } })
    .sort({ version: -1 })
    .toArray();
}

export async function startVersionScoring(
  store: Store,
  modelId: string,
  version: number,
  scoring: { id: string; now: Date; shardsTotal: number },
  now = new Date(),
): Promise<void> {
  await store.modelVersions.updateOne(
    { _id: versionId(modelId, version) },
    { $set: { status: "scoring", scoring: { ...scoring, startedAt: now, finishedAt: null } } },
  );
}

export async function recordScoreShard(
  store: Store,
  scoringId: string,
  index: number,
  counts: { scored: number; written: number },
  now = new Date(),
): Promise<void> {
  const doc: ScoreShardDoc = { _id: `${scoringId}/${index}`, scoringId, index, ...counts, finishedAt: now };
  await store.scoreShards.replaceOne({ _id: doc._id }, doc, { upsert: true });
}

export async function scoringProgress(
  store: Store,
  scoringId: string,
): Promise<{ shardsDone: number; scored: number; written: number }> {
  // Sorted, as runProgress reads run shards (run-shards.ts says why).
  const shards = await store.scoreShards.find({ scoringId }).sort({ index: 1 }).toArray();
  return {
    shardsDone: shards.length,
    scored: shards.reduce((s, d) => s + d.scored, 0),
    written: shards.reduce((s, d) => s + d.written, 0),
  };
}

/**
 * Every shard of the version's scoring is done: it becomes the version in use, the previous
 * one is superseded. Versions of one model are never scored at the same time (one job id per
 * model), so these writes do not race.
 */
export async function activateVersion(
  store: Store,
  modelId: string,
  version: number,
  now = new Date(),
): Promise<void> {
  const model = await getModel(store, modelId);
  const previous = model?.activeVersion;
  if (previous != null && previous !== version) {
    await store.modelVersions.updateOne(
      { _id: versionId(modelId, previous) },
      { $set: { status: "superseded" } },
    );
  }
  await store.modelVersions.updateOne(
    { _id: versionId(modelId, version) },
    { $set: { status: "active", "scoring.finishedAt": now } },
  );
  await setModelStatus(store, modelId, "ready", { activeVersion: version }, now);
}

export async function setVersionStatus(
  store: Store,
  modelId: string,
  version: number,
  status: ModelVersionDoc["status"],
): Promise<void> {
  await store.modelVersions.updateOne({ _id: versionId(modelId, version) }, { $set: { status } });
}

export async function recordOutcomes(
  store: Store,
  modelId: string,
  version: number,
  outcomes: ModelOutcomes,
): Promise<void> {
  await store.modelVersions.updateOne({ _id: versionId(modelId, version) }, { $set: { outcomes } });
}
