import type { Position } from "./ast.js";

/** A parse or check problem in one definition, positioned in its source. */
export interface LanguageError {
  segmentId: string;
  line: number;
  column: number;
  /** One line, e.g. `expected a value after ">=", found "and"`. */
  reason: string;
  /** `segment "lapsed": 2:14: expected a value after ">=", found "and"` */
  message: string;
}

/** A problem before the segment id is known (the parser and checker work per definition). */
export interface Problem {
  at: Position;
  reason: string;
}

export function toLanguageError(segmentId: string, problem: Problem): LanguageError {
  const { line, column } = problem.at;
  return {
    segmentId,
    line,
    column,
    reason: problem.reason,
    message: `segment ${JSON.stringify(segmentId)}: ${line}:${column}: ${problem.reason}`,
  };
}

/** Thrown by `compileSegments` when any definition does not parse or check. */
export class SegmentLanguageError extends Error {
  constructor(readonly errors: LanguageError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "SegmentLanguageError";
  }
}
