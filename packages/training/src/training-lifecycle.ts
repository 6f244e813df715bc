/**
 * A training from its start to a stored version: the model says `training` while the thread
 * fits, then the result is inserted as the next version in one write (a trainer killed before
 * that leaves nothing, and the retried job starts over). A good version is scored next, a poor
 * one (validation AUC under `minAuc`) is kept for inspection and never scored; a failed training
 * leaves the model `failed` with the reason.
 */
import { insertModelVersion, type Store, setModelStatus } from "@segflow/store";
import { ModelNotFoundError } from "./errors.js";
import { findModel, type PropensityModel, type PropensityVersion } from "./model-documents.js";
import type { TrainedModel } from "./train-in-thread.js";

/** Marks the model as training; throws {@link ModelNotFoundError} when it does not exist. */
export async function startTraining(store: Store, modelId: string): Promise<PropensityModel> {
  const model = await findModel(store, modelId);
  if (!model) throw new ModelNotFoundError(modelId);
  await setModelStatus(store, model._id, "training");
  return model;
}

export async function trainingFailed(store: Store, modelId: string, error: Error): Promise<void> {
  await setModelStatus(store, modelId, "failed", { error: error.message });
}

export interface RecordedVersion {
  version: PropensityVersion;
  /** A good version, to be scored next (the model already says `scoring`). */
  scoreNext: boolean;
}

/** Stores a training's result as the model's next version, `now` being what it was trained for. */
export async function recordVersion(
  store: Store,
  modelId: string,
  trained: TrainedModel,
  now: Date,
): Promise<RecordedVersion> {
  const { artefact, metrics } = trained;
  const poor = metrics.quality === "poor";
  const version = await insertModelVersion(store, modelId, {
    status: poor ? "poor" : "trained",
    artefact,
    metrics,
    trainedFor: now,
  });
  if (poor) {
    await setModelStatus(store, modelId, "poor", {
      error: `version ${version.version}: validation AUC ${metrics.validationAuc} is below ${metrics.minAuc}; its scores are not written`,
    });
    return { version, scoreNext: false };
  }
  // Scoring is queued behind whatever the trainers are doing: say so rather than "training".
  await setModelStatus(store, modelId, "scoring");
  return { version, scoreNext: true };
}
