/**
 * Checking a model's goal as it is typed. A goal is an event filter, not a segment: the API checks
 * it (packages/propensity, conditions.ts) as the segment
 * `exists(events where (⏎<goal>⏎) and timestamp within last <window> days)`, the goal on lines of
 * its own, so that an error's line is one more than in the goal and its column the same. The
 * console sends that same segment to `POST /v1/segments/validate` and maps the errors back, so the
 * goal's errors are underlined while it is typed, not only when the model is refused.
 */
import type { LanguageErrorResponse } from "@segflow/api-contract";
import type { EditorError } from "../../editor/SegmentEditor.js";

export function goalAsSegment(goal: string, windowDays: number): string {
  return `exists(events where (\n${goal}\n) and timestamp within last ${windowDays} days)`;
}

/** An error of {@link goalAsSegment}'s text, back in the goal's lines (ours: at its nearest end). */
export function goalError(
  goal: string,
  e: Pick<LanguageErrorResponse, "line" | "column" | "reason">,
): EditorError {
  const lines = goal.split("\n");
  const at =
    e.line <= 1
      ? { line: 1, column: 1 }
      : e.line - 1 > lines.length
        ? { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
        : { line: e.line - 1, column: e.column };
  return { text: goal, ...at, message: e.reason };
}
