import {
  type CompiledSegments,
  checkSegments,
  compileSegments,
  type SegmentDefinition,
} from "@segflow/segment-language";
import { CliError, ExitCode } from "./cli-error.js";

/**
 * Checks and compiles a segment set (parsed once), turning the language's errors into a usage
 * error (exit 2) that lists each one on its own line:
 * `segment "lapsed": 2:14: expected a value after ">=", found "and"`.
 */
export function compileDefinitions(definitions: SegmentDefinition[]): CompiledSegments {
  const checked = checkSegments(definitions);
  if (checked.errors.length > 0) {
    throw new CliError(checked.errors.map((e) => e.message).join("\n"), ExitCode.usage);
  }
  return compileSegments(checked);
}
