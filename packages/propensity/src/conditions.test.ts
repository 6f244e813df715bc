import type { Profile } from "@segflow/segment-language";
import { describe, expect, it } from "vitest";
import { checkModelConditions, compileModelConditions, ModelConditionsError } from "./conditions.js";

const DAY = 86_400_000;
const cutoff = Date.parse("2026-10-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
const profile = (...events: [type: string, ms: number][]): Profile => ({
  id: "p",
  attributes: { country: "US" },
  events: events.map(([type, ms]) => ({ type, timestamp: iso(ms) })),
});

describe("goalInWindow", () => {
  const conditions = compileModelConditions({ goal: 'type = "purchase"', windowDays: 30 });

  it("is true only for a goal event in (cutoff, cutoff + window]", () => {
    const at = (ms: number) => conditions.goalInWindow(profile(["purchase", ms]), cutoff);
    expect(at(cutoff)).toBe(false); // at the cutoff: known at the cutoff, not predicted
    expect(at(cutoff + 1)).toBe(true);
    expect(at(cutoff + 15 * DAY)).toBe(true);
    expect(at(cutoff + 30 * DAY)).toBe(true);
    expect(at(cutoff + 30 * DAY + 1)).toBe(false);
    expect(at(cutoff - DAY)).toBe(false);
  });

  it("ignores events that do not match the goal", () => {
    expect(conditions.goalInWindow(profile(["pageView", cutoff + DAY]), cutoff)).toBe(false);
  });
});

describe("eligibleAt", () => {
  it("evaluates the eligible expression at the cutoff; everyone is eligible without one", () => {
    const spec = { goal: 'type = "purchase"', windowDays: 30 };
    const everyone = compileModelConditions(spec);
    const buyers = compileModelConditions({
      ...spec,
      eligible: 'exists(events where type = "purchase" and timestamp within last 60 days)',
    });
    const p = profile(["purchase", cutoff - 50 * DAY]);
    expect(everyone.eligibleAt(profile(), cutoff)).toBe(true);
    expect(buyers.eligibleAt(p, cutoff)).toBe(true);
    expect(buyers.eligibleAt(p, cutoff + 20 * DAY)).toBe(false);
  });
});

describe("checkModelConditions", () => {
  /** The error's position must fall on the user's text: a line of the goal, at most one past its end. */
  function expectInside(text: string, e: { line: number; column: number }) {
    const lines = text.split("\n");
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines.length);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeLessThanOrEqual(lines[e.line - 1]!.length + 1);
  }

  it.each([
    ['type == "purchase"', 1, 7],
    ["type =", 1, 7],
    ['type = "purchase" and\n  properties.revenue >', 2, 23],
    ['type = "purchase" and propertie.revenue > 10 and', 1, 49],
  ])("positions a syntax error in the goal %j at %i:%i", (goal, line, column) => {
    const errors = checkModelConditions({ goal, windowDays: 30 });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ field: "goal", line, column });
    expect(errors[0]!.message).toBe(`goal: ${line}:${column}: ${errors[0]!.reason}`);
  });

  it.each([
    'type = ("purchase"',
    'type = "purchase")',
    'type = "purchase") or (true',
    "count(x)",
    'type = "purchase" and',
  ])(
    "keeps every error of the goal %j inside the goal's text, naming nothing the user did not write",
    (goal) => {
      const errors = checkModelConditions({ goal, windowDays: 30 });
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.field).toBe("goal");
        expectInside(goal, e);
        expect(e.reason).not.toMatch(/exists|timestamp within/);
      }
    },
  );

  it("accepts a goal that ends with a comment", () => {
    const goal = 'type = "purchase" # any order counts';
    expect(checkModelConditions({ goal, windowDays: 30 })).toEqual([]);
    const c = compileModelConditions({ goal, windowDays: 30 });
    expect(c.goalInWindow(profile(["purchase", cutoff + DAY]), cutoff)).toBe(true);
    expect(c.goalInWindow(profile(["purchase", cutoff - DAY]), cutoff)).toBe(false);
  });

  it("positions a type error in the goal's own columns", () => {
    const goal = 'type = "purchase" and lower(type, 1) = "a"';
    expect(checkModelConditions({ goal, windowDays: 30 })).toEqual([
      {
        field: "goal",
        line: 1,
        column: 23,
        reason: "lower() takes 1 argument, found 2",
        message: "goal: 1:23: lower() takes 1 argument, found 2",
      },
    ]);
    const multiline = 'type = "purchase"\n  and lower(type, 1) = "a"';
    expect(checkModelConditions({ goal: multiline, windowDays: 30 })[0]).toMatchObject({
      line: 2,
      column: 7,
    });
  });

  it("positions an error in the eligible expression in its own text, field eligible", () => {
    const eligible = 'country = "US" and\nloyalty.tier = ';
    const errors = checkModelConditions({ goal: 'type = "purchase"', windowDays: 30, eligible });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: "eligible", line: 2, column: 16 });
    expect(errors[0]!.message).toMatch(/^eligible: 2:16: /);
  });

  it("reports the goal's and the eligible expression's errors together", () => {
    const errors = checkModelConditions({ goal: "type =", windowDays: 30, eligible: "country =" });
    expect(errors.map((e) => e.field).sort()).toEqual(["eligible", "goal"]);
  });

  it("makes compileModelConditions throw ModelConditionsError with the same errors", () => {
    const spec = { goal: "type ==", windowDays: 30 };
    const thrown = (() => {
      try {
        compileModelConditions(spec);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(ModelConditionsError);
    expect((thrown as ModelConditionsError).errors).toEqual(checkModelConditions(spec));
    expect((thrown as Error).message).toMatch(/^goal: 1:\d+: /);
  });
});
