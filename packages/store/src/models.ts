/**
 * Propensity models and their versions. A version is inserted only once training is complete
 * (artefact and metrics in one document), and a model's `activeVersion` moves to it only once
 * every shard of its scoring pass is done: a trainer killed mid-training or mid-scoring never
 * leaves a half-made version in use.
 *
 * The functions are generic in what only propensity knows the shape of (documents.ts,
 * `ModelPart`): a reader names the type its writer wrote, and packages/training is the one that
 * names them, with propensity's types (the driver's `find<T>` reads documents as that type).
 */
import { MongoServerError } from "mongodb";
import type {
  ModelDoc,
  ModelOutcomes,
  ModelPart,
  ModelStatus,
  ModelVersionDoc,
  ScoreShardDoc,
} from "./documents.js";
import { ONE_BATCH } from "./one-batch.js";
import { DuplicateIdError } from "./segments.js";
import type { Store } from "./store.js";

export interface ModelInput<Spec extends ModelPart = ModelPart> {
  id: string;
  name: string;
  spec: Spec;
}

export async function createModel<Spec extends ModelPart = ModelPart>(
  store: Store,
  input: ModelInput<Spec>,
  now = new Date(),
): Promise<ModelDoc<Spec>> {
  const doc: ModelDoc<Spec> = {
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

export function getModel<Spec extends ModelPart = ModelPart>(
  store: Store,
  id: string,
): Promise<ModelDoc<Spec> | null> {
  return store.models.findOne<ModelDoc<Spec>>({ _id: id });
}

export function listModels<Spec extends ModelPart = ModelPart>(store: Store): Promise<ModelDoc<Spec>[]> {
  return store.models.find<ModelDoc<Spec>>({}).sort({ _id: 1 }).toArray();
}

export function updateModel<Spec extends ModelPart = ModelPart>(
  store: Store,
  id: string,
  patch: { name?: string; spec?: Spec },
  now = new Date(),
): Promise<ModelDoc<Spec> | null> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return store.models.findOneAndUpdate(
    { _id: id },
    { $set: { ...set, updatedAt: now } },
    { returnDocument: "after" },
  ) as Promise<ModelDoc<Spec> | null>;
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
export async function insertModelVersion<A extends ModelPart = ModelPart, M extends ModelPart = ModelPart>(
  store: Store,
  modelId: string,
  fields: Pick<ModelVersionDoc<A, M>, "status" | "artefact" | "metrics" | "trainedFor">,
  now = new Date(),
): Promise<ModelVersionDoc<A, M>> {
  for (;;) {
    const last = await store.modelVersions
      .find({ modelId }, { ...ONE_BATCH, projection: { version: 1 } })
      .sort({ version: -1 })
      .limit(1)
      .next();
    const version = (last?.version ?? 0) + 1;
    const doc: ModelVersionDoc<A, M> = {
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

export function getModelVersion<A extends ModelPart = ModelPart, M extends ModelPart = ModelPart>(
  store: Store,
  modelId: string,
  version: number,
): Promise<ModelVersionDoc<A, M> | null> {
  return store.modelVersions.findOne<ModelVersionDoc<A, M>>({ _id: versionId(modelId, version) });
}

/** A version without its artefact (it is large: the network's weights). */
export type ModelVersionSummary<M extends ModelPart = ModelPart> = Omit<
  ModelVersionDoc<ModelPart, M>,
  "artefact"
>;

/** Newest first, without the artefacts. */
export function listModelVersions<M extends ModelPart = ModelPart>(
  store: Store,
  modelId: string,
): Promise<ModelVersionSummary<M>[]> {
  return store.modelVersions
    .find<ModelVersionSummary<M>>({ modelId }, { projection: { artefact: 0 } })
    .sort({ version: -1 })
    .toArray();
}

/** One version without its artefact. */
export function getModelVersionSummary<M extends ModelPart = ModelPart>(
  store: Store,
  modelId: string,
  version: number,
): Promise<ModelVersionSummary<M> | null> {
  return store.modelVersions.findOne<ModelVersionSummary<M>>(
    { _id: versionId(modelId, version) },
    { projection: { artefact: 0 } },
  );
}

/**
 * One field of a version's artefact, read alone (a projection: the rest of the artefact, the
 * network's weights, stays on the server). Undefined when the version or the field is missing.
 */
export async function getArtefactField<A extends ModelPart, K extends keyof A & string>(
  store: Store,
  modelId: string,
  version: number,
  field: K,
): Promise<A[K] | undefined> {
  const doc = await store.modelVersions.findOne<{ artefact?: Partial<A> }>(
    { _id: versionId(modelId, version) },
    { projection: { _id: 0, [`artefact.${field}`]: 1 } },
  );
  return doc?.artefact?.[field];
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
  const shards = await store.scoreShards.find({ scoringId }, ONE_BATCH).sort({ index: 1 }).toArray();
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
