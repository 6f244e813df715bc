/**
 * The failures of a model's lifecycle that retrying cannot change. A job that meets one should
 * fail at once ({@link PERMANENT_ERRORS}); a request that meets one answers with it.
 */

/** The model does not exist (deleted since the job was queued, or never created). */
export class ModelNotFoundError extends Error {
  constructor(readonly modelId: string) {
    super(`model ${modelId} does not exist`);
    this.name = "ModelNotFoundError";
  }
}

/**
 * Why a version cannot be scored: `scoring_under_way` (two passes of one model would race on its
 * scores and on which version is active), `no_version` (never trained), `every_version_poor`,
 * `unknown_version`, `poor_version` (a poor version's scores are never written), `outdated_version`
 * (fitted by an earlier segflow, whose artefact this one cannot read: train the model again).
 */
export type ScoringRefusal =
  | "scoring_under_way"
  | "no_version"
  | "every_version_poor"
  | "unknown_version"
  | "poor_version"
  | "outdated_version";

export class ScoringRefusedError extends Error {
  constructor(
    readonly reason: ScoringRefusal,
    message: string,
  ) {
    super(message);
    this.name = "ScoringRefusedError";
  }
}

/**
 * The training thread failed; `name` is the name of the thread's error (errors cross the thread
 * boundary as name and message only).
 */
export class TrainingError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * A training that failed because of its data or its definition (the data checks, the goal or
 * eligible expression, the spec): the same training would fail again.
 */
export class TrainingRefusedError extends TrainingError {}

/** Error classes a consumer of lifecycle jobs fails without retries. */
export const PERMANENT_ERRORS = [ModelNotFoundError, ScoringRefusedError, TrainingRefusedError] as const;
