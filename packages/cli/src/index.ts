/**
 * @segflow/cli: the `segflow` command. The executable is bin/segflow.js; this face lets scripts
 * and tests run the same commands in-process with their own streams.
 */
export { ApiClient, type ApiClientOptions, ApiError, formatApiError } from "./api-client.js";
export { CliError, ExitCode, LineError } from "./cli-error.js";
export { type EvaluateOptions, runEvaluate } from "./commands/evaluate.js";
export { runStart, type StartOptions } from "./commands/evaluations.js";
export { type PropensityFitOptions, runPropensityFit } from "./commands/propensity.js";
export { runSeed, type SeedOptions, type SeedSummary } from "./commands/seed.js";
export { runValidate, type ValidateOptions } from "./commands/validate.js";
export { type CliEnv, DEFAULT_API_URL, loadCliEnv } from "./config.js";
export type { Io } from "./io.js";
export { type JsonLine, readJsonLines } from "./jsonl.js";
export { createProgram } from "./program.js";
export { parseSegments, readSegments } from "./read-segments.js";
