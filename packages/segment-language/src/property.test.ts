/**
 * Property tests: the compiled evaluator must agree with the reference interpreter
 * (src/testing/interpreter.ts, a literal reading of docs/segment-language.md) on random well-typed
 * segment sets and random profiles, and printing an AST must parse back to the same AST.
 *
 * A failure prints fast-check's seed and path; rerun with `{ seed, path }` in the options to
 * replay it. The message also shows the definitions as source, which is usually enough.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSegments, compileSegments, formatExpr, parseDefinition } from "./index.js";
import { type EvaluationCase, evaluationCaseArb, interpret, NOWS, rootArb } from "./testing/index.js";

/** JSON, but a `Date` shows as `{"$date": …}` so that it is not mistaken for a string. */
function showProfile(p: unknown): string {
  return JSON.stringify(p, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (!(raw instanceof Date)) return value;
    return { $date: Number.isNaN(raw.getTime()) ? "Invalid Date" : raw.toISOString() };
  });
}

/** Plain-text view of a case for failure messages. */
function describeCase(c: EvaluationCase, defs: { id: string; definition: string }[]): string {
  const lines = [`now = ${new Date(c.nowMs).toISOString()}`];
  for (const d of defs) lines.push(`segment ${JSON.stringify(d.id)}: ${d.definition}`);
  for (const p of c.profiles) lines.push(`profile: ${showProfile(p)}`);
  return lines.join("\n");
}

/** A copy of an AST without `at`, for comparing shapes. */
function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "at")
      .map(([key, value]) => [key, withoutPositions(value)]),
  );
}

describe("compiled evaluator vs reference interpreter", () => {
  it("agree on random segment sets and profiles", () => {
    fc.assert(
      fc.property(evaluationCaseArb(), (c) => {
        const defs = c.segments.map((s) => ({ id: s.id, definition: formatExpr(s.ast.root) }));
        const checked = checkSegments(defs);
        expect(checked.errors, describeCase(c, defs)).toEqual([]);
        const compiled = compileSegments(defs);
        expect(compiled.ids).toEqual(defs.map((d) => d.id));
        const parsed = checked.segments.map((s) => ({ id: s.id, ast: s.ast }));
        for (const profile of c.profiles) {
          const expected = interpret(parsed, profile, c.nowMs);
          const actual = compiled.evaluate(profile, c.nowMs);
          expect(actual, describeCase({ ...c, profiles: [profile] }, defs)).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("formatExpr and parseDefinition", () => {
  it("round-trip: the printed AST parses back to the same AST and text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOWS).chain((nowMs) => rootArb(nowMs, 4)),
        (root) => {
          const text = formatExpr(root);
          const result = parseDefinition(text);
          expect(result.problems, text).toEqual([]);
          expect(result.ast, text).toBeDefined();
          expect(formatExpr(result.ast!.root)).toBe(text);
          // Same shape, resolved paths included; only positions differ.
          expect(withoutPositions(result.ast!.root), text).toEqual(withoutPositions(root));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
