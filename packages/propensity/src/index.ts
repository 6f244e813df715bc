/**
 * @segflow/propensity: churn and conversion models (README.md; ARCHITECTURE.md, "Propensity:
 * training and scoring"), with no queue code.
 *
 * - {@link ModelSpec}: a model instance as users define it (zod), {@link checkModelConditions}
 *   for its goal and eligible expressions.
 * - {@link fitPropensity}: profiles → point-in-time features (discovered from the data) →
 *   examples at many cutoffs → TF.js models (logistic, MLP, their ensemble) → the best by
 *   validation AUC, calibrated, its metrics, and every eligible profile scored with its factors.
 * - {@link Scorer}: scores profiles later with a stored {@link ModelArtefact}.
 */
export type { Factor, FactorImportance } from "./attribution.js";
export { type BackendName, initBackend } from "./backend.js";
export { DataCheckError } from "./dataset.js";
export {
  type CandidateMetrics,
  type FitOptions,
  type FitResult,
  fitPropensity,
  type ModelMetrics,
} from "./fit.js";
export { auc, type Decile, deciles } from "./metrics.js";
export type { ModelKind } from "./network.js";
export {
  ARTEFACT_FORMAT,
  type ModelArtefact,
  type ProfileScore,
  type ScoreBand,
  type ScoredProfile,
  Scorer,
} from "./scorer.js";
// The model instance and its goal and eligible checks (also the TF.js-free `/spec` entry).
export * from "./spec.js";
