/**
 * `@segflow/propensity/spec`: the model instance, the definition users write (instance and id),
 * and its goal and eligible checks, without TF.js. The API validates models with these; loading
 * the whole package would cost it about a second and 60 MB at start for code it never runs.
 */
export {
  checkModelConditions,
  compileModelConditions,
  type ModelConditionError,
  type ModelConditions,
  ModelConditionsError,
} from "./conditions.js";
export {
  MODEL_ID,
  ModelDefinition,
  ModelId,
  ModelSpec,
  type ModelSpecInput,
} from "./model-spec.js";
