/**
 * A scoring pass from its plan to the version in use: the version says `scoring` with its pass
 * (id, `now`, shards) while the shards run, and becomes active only once every shard is done (a
 * trainer killed mid-scoring leaves `activeVersion` where it was). Predicted versus actual
 * outcomes can be checked once the prediction window has passed since the pass's `now`.
 */
import {
  activateVersion,
  type Store,
  scoringProgress,
  setModelStatus,
  startVersionScoring,
} from "@segflow/store";
import { ModelNotFoundError } from "./errors.js";
import { findModel, findVersionSummary, findVersions, trainedSpec } from "./model-documents.js";
import { jobVersionToScore } from "./version-to-score.js";

const DAY_MS = 86_400_000;

/** When a version scored at `scoredAt` can have its outcomes checked. */
export const outcomesDueAt = (scoredAt: Date, windowDays: number): Date =>
  new Date(scoredAt.getTime() + windowDays * DAY_MS);

/** The version a scoring job scores (version-to-score.ts); throws when the model or version cannot be. */
export async function versionForScoringJob(
  store: Store,
  modelId: string,
  requested: number | undefined,
): Promise<number> {
  const model = await findModel(store, modelId);
  if (!model) throw new ModelNotFoundError(modelId);
  return jobVersionToScore(model, await findVersions(store, modelId), requested);
}

export async function startScoring(
  store: Store,
  modelId: string,
  version: number,
  pass: { id: string; now: Date; shardsTotal: number },
): Promise<void> {
  await startVersionScoring(store, modelId, version, pass);
  await setModelStatus(store, modelId, "scoring");
}

export interface FinishedScoring {
  shardsDone: number;
  scored: number;
  written: number;
  /** When the outcomes can be checked; null when the version is gone or was never scored. */
  outcomesDueAt: Date | null;
}

/** Every shard of the pass is done: the version becomes the active one, the previous one superseded. */
export async function finishScoring(
  store: Store,
  pass: { modelId: string; version: number; scoringId: string },
): Promise<FinishedScoring> {
  await activateVersion(store, pass.modelId, pass.version);
  const progress = await scoringProgress(store, pass.scoringId);
  const version = await findVersionSummary(store, pass.modelId, pass.version);
  const trainedWith = await trainedSpec(store, pass.modelId, pass.version);
  const due =
    version?.scoring && trainedWith ? outcomesDueAt(version.scoring.now, trainedWith.windowDays) : null;
  return { ...progress, outcomesDueAt: due };
}
