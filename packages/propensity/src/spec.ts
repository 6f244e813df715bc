/**
 * `@segflow/propensity/spec`: the model instance and its goal and eligible checks, without
 * TF.js. The API validates models with these; loading the whole package would cost it about a
 * second and 60 MB at start for code it never runs.
 */
export {
  checkModelConditions,
  compileModelConditions,
  type ModelConditionError,
  type ModelConditions,
  ModelConditionsError,
} from "./conditions.js";
export { ModelSpec, type ModelSpecInput } from "./model-spec.js";
