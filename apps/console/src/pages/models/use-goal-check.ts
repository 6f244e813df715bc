/**
 * The goal's language errors as it is typed (goal-check.ts), a short pause after the last key; a
 * newer text cancels the check of an older one. `checkedText` says which text the errors are about.
 */
import { useEffect, useState } from "react";
import { segmentsApi } from "../../api/segments.js";
import type { EditorError } from "../../editor/SegmentEditor.js";
import { goalAsSegment, goalError } from "./goal-check.js";

const CHECK_DELAY_MS = 300;

export interface GoalCheck {
  checkedText: string | null;
  errors: EditorError[];
}

export function useGoalCheck(goal: string, windowDays: number): GoalCheck {
  const [check, setCheck] = useState<GoalCheck>({ checkedText: null, errors: [] });
  const window = Number.isInteger(windowDays) && windowDays > 0 ? windowDays : 30;

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      if (goal.trim() === "") {
        setCheck({
          checkedText: goal,
          errors: [{ text: goal, line: 1, column: 1, message: "the goal is empty" }],
        });
        return;
      }
      try {
        const validation = await segmentsApi.validate(goalAsSegment(goal, window), undefined, abort.signal);
        setCheck({ checkedText: goal, errors: validation.errors.map((e) => goalError(goal, e)) });
      } catch {
        // Not a language error (the API is away): the API checks the goal again on create.
        if (!abort.signal.aborted) setCheck({ checkedText: goal, errors: [] });
      }
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [goal, window]);

  return check;
}
