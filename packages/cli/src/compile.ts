import {
  type CompiledSegments,
  compileSegments,
  type SegmentDefinition,
  SegmentLanguageError,
} from "@segflow/segment-language";
import { CliError, ExitCode } from "./cli-error.js";

/**
 * Compiles a segment set, turning the language's errors into a usage error (exit 2) that lists
 * each one on its own line: `segment "lapsed": 2:14: expected a value after ">=", found "and"`.
 */
export function compileDefinitions(definitions: SegmentDefinition[]): CompiledSegments {
  try {
    return compileSegments(definitions);
  } catch (error) {
    if (error instanceof SegmentLanguageError) {
      throw new CliError(error.errors.map((e) => e.message).join("\n"), ExitCode.usage);
    }
    throw error;
  }
}
