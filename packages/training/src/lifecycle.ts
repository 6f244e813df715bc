/**
 * `@segflow/training/lifecycle`: a model's lifecycle and its typed documents, without TF.js (as
 * propensity's `/spec`): the API decides which version a request scores, and reads typed models
 * and versions, with these; loading TF.js would cost it about a second and 60 MB at start.
 */
export {
  ModelNotFoundError,
  PERMANENT_ERRORS,
  type ScoringRefusal,
  ScoringRefusedError,
  TrainingError,
  TrainingRefusedError,
} from "./errors.js";
export {
  findModel,
  findModels,
  findVersion,
  findVersionSummary,
  findVersions,
  type PropensityModel,
  type PropensityVersion,
  type PropensityVersionSummary,
  trainedSpec,
  trainedWindowDays,
} from "./model-documents.js";
export {
  type FinishedScoring,
  finishScoring,
  outcomesDueAt,
  startScoring,
  versionForScoringJob,
} from "./scoring-lifecycle.js";
export { type RecordedVersion, recordVersion, startTraining, trainingFailed } from "./training-lifecycle.js";
export { jobVersionToScore, mayBeScored, versionToScore } from "./version-to-score.js";
