import { describe, expect, it } from "vitest";
import { goalAsSegment, goalError } from "./goal-check.js";

describe("a goal checked as a segment", () => {
  it("puts the goal on lines of its own, inside its window", () => {
    expect(goalAsSegment('type = "purchase"', 30)).toBe(
      'exists(events where (\ntype = "purchase"\n) and timestamp within last 30 days)',
    );
  });

  it("maps an error back into the goal's lines, same column", () => {
    const goal = 'type = "purchase" and\nproperties.total >> 3';
    expect(goalError(goal, { line: 3, column: 19, reason: "r" })).toEqual({
      text: goal,
      line: 2,
      column: 19,
      message: "r",
    });
  });

  it("puts an error on the wrapping's own lines at the goal's nearest end", () => {
    const goal = "(type = 1\nor type = 2";
    expect(goalError(goal, { line: 1, column: 5, reason: "r" })).toMatchObject({ line: 1, column: 1 });
    expect(goalError(goal, { line: 4, column: 1, reason: "r" })).toMatchObject({ line: 2, column: 12 });
  });
});
