/**
 * @segflow/cli: the `segflow` command. The executable is bin/segflow.js; this face lets scripts
 * and tests run the same commands in-process with their own streams.
 */
export { CliError, ExitCode, LineError } from "./cli-error.js";
export { type EvaluateOptions, runEvaluate } from "./commands/evaluate.js";
export { runValidate, type ValidateOptions } from "./commands/validate.js";
export type { Io } from "./io.js";
export { type JsonLine, readJsonLines } from "./jsonl.js";
export { createProgram } from "./program.js";
export { parseSegments, readSegments } from "./read-segments.js";
