/**
 * Which version of a model may be scored, decided here for the API (a scoring request) and for
 * the trainer (a scoring job) alike. The rule: a poor version's scores are never written, and a
 * model is scored by one pass at a time.
 */
import type { ModelVersionStatus } from "@segflow/store";
import { ScoringRefusedError } from "./errors.js";
import type { PropensityModel } from "./model-documents.js";

type ModelState = Pick<PropensityModel, "_id" | "status" | "activeVersion">;
type VersionState = { version: number; status: ModelVersionStatus };

/** A poor version's scores are never written. */
export const mayBeScored = (version: Pick<VersionState, "status">): boolean => version.status !== "poor";

/**
 * The version a scoring request scores: the newest that may be scored (`versions` newest first).
 * Refused while the model is being scored, and when no version may be.
 */
export function versionToScore(model: ModelState, versions: readonly VersionState[]): number {
  const id = JSON.stringify(model._id);
  if (model.status === "scoring") {
    // Two scoring passes of one model would race on its scores and on which version is active.
    throw new ScoringRefusedError("scoring_under_way", `model ${id} is being scored: wait for it to finish`);
  }
  const version = versions.find(mayBeScored);
  if (!version) {
    const [reason, why] =
      versions.length > 0
        ? (["every_version_poor", "every version of it is poor"] as const)
        : (["no_version", "it has no version yet"] as const);
    throw new ScoringRefusedError(
      reason,
      `model ${id} has nothing to score (${why}): train it first with POST /v1/models/${model._id}/train`,
    );
  }
  return version.version;
}

/**
 * The version a scoring job scores: the one it names (a new version, or the API's pick), else the
 * active one (scheduled rescoring); it must exist and may be scored. The job runs while the model
 * says `scoring` (its training or the request set it), so that is no refusal here.
 */
export function jobVersionToScore(
  model: ModelState,
  versions: readonly VersionState[],
  requested: number | undefined,
): number {
  const number = requested ?? model.activeVersion;
  if (number == null) {
    throw new ScoringRefusedError(
      "no_version",
      `model ${model._id} has no version to score yet: train it first`,
    );
  }
  const version = versions.find((v) => v.version === number);
  if (!version) {
    throw new ScoringRefusedError("unknown_version", `model ${model._id} has no version ${number}`);
  }
  if (!mayBeScored(version)) {
    throw new ScoringRefusedError(
      "poor_version",
      `model ${model._id} version ${number} is poor: its scores are not written`,
    );
  }
  return number;
}
