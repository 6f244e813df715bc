/**
 * Property tests: the compiled evaluator must agree with the reference interpreter
 * (src/testing/interpreter.ts, a literal reading of segment-language.md) on random well-typed
 * segment sets and random profiles, and printing an AST must parse back to the same AST.
 *
 * A failure prints fast-check's seed and path; rerun with `{ seed, path }` in the options to
 * replay it. The message also shows the definitions as source, which is usually enough.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSegments, compileSegments, formatExpr, parseDefinition } from "./index.js";
import { type EvaluationCase, evaluationCaseArb, interpret, NOWS, rootArb } from "./testing/index.js";

/** Plain-text view of a case for failure messages (Dates and odd strings survive JSON). */
function describeCase(c: EvaluationCase, defs: { id: string; definition: string }[]): string {
  const lines = [`now = ${new Date(c.nowMs).toISOString()}`];
  for (const d of defs) lines.push(`segment ${JSON.stringify(d.id)}: ${d.definition}`);
  for (const p of c.profiles) lines.push(`profile: ${JSON.stringify(p)}`);
  return lines.join("\n");
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
          const message = describeCase({ ...c, profiles: [profile] }, defs);
          expect(actual, message).toEqual(expected);
          // The generated ASTs mean the same as what the parser makes of their printed form.
          expect(interpret(c.segments, profile, c.nowMs), `generated vs parsed\n${message}`).toEqual(
            expected,
          );
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("formatExpr and parseDefinition", () => {
  it("round-trip: printing the parsed AST gives the same text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOWS).chain((nowMs) => rootArb(nowMs, 4)),
        (root) => {
          const text = formatExpr(root);
          const result = parseDefinition(text);
          expect(result.problems, text).toEqual([]);
          expect(result.ast, text).toBeDefined();
          expect(formatExpr(result.ast!.root)).toBe(text);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
