/** docs/segment-language.md, "Checks" and "Syntax": rejected before anything runs, with id, line, column and a one-line reason. */
import { describe, expect, it } from "vitest";
import { checkSegments, compileSegments, type SegmentDefinition, SegmentLanguageError } from "../index.js";
import {
  checkErrorCase,
  type ErrorRow,
  errorCases,
  errorsOf,
  expectWellFormed,
  type Pos,
} from "./fixtures.js";

const EXAMPLE = 'segment "lapsed": 2:14: expected a value after ">=", found "and"';
const EVERY = "Report at least the first error of every invalid definition";
const SEVERAL =
  "several errors at once where recovery is possible (the lead's requirement, beyond the spec's minimum)";

const d = (id: string, definition: string): SegmentDefinition => ({ id, definition });

describe("Errors", () => {
  it(`gives the spec's example exactly: ${EXAMPLE}`, () => {
    const errors = errorsOf([d("lapsed", 'country = "US" and\nlastOrder >= and x = 1')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({
      segmentId: "lapsed",
      line: 2,
      column: 14,
      reason: 'expected a value after ">=", found "and"',
      message: EXAMPLE,
    });
  });

  it("gives the same example with CRLF line breaks", () => {
    const [e] = errorsOf([d("lapsed", 'country = "US" and\r\nlastOrder >= and x = 1')]);
    expect(e?.message).toBe(EXAMPLE);
  });

  it(`${EVERY}: each invalid definition, none for the valid ones`, () => {
    const errors = errorsOf([
      d("a", "x ="),
      d("b", "true"),
      d("c", "y in ["),
      d("d", 'type = "x"'),
      d("e", "count(events)"),
    ]);
    for (const e of errors) expectWellFormed(e);
    expect(new Set(errors.map((e) => e.segmentId))).toEqual(new Set(["a", "c", "d", "e"]));
    expect(errors.find((e) => e.segmentId === "a")).toMatchObject({ line: 1, column: 4 });
    expect(errors.find((e) => e.segmentId === "c")).toMatchObject({ line: 1, column: 7 });
    expect(errors.find((e) => e.segmentId === "d")).toMatchObject({ line: 1, column: 1 });
    expect(errors.find((e) => e.segmentId === "e")).toMatchObject({ line: 1, column: 1 });
  });

  it(`${EVERY}: the first error of a definition is among those reported`, () => {
    const errors = errorsOf("x = = 1 and y = = 2");
    expect(errors.map((e) => [e.line, e.column])).toContainEqual([1, 5]);
  });

  it("rejects before anything runs: compileSegments throws a SegmentLanguageError with every error", () => {
    const defs = [d("ok", "true"), d("bad1", "x ="), d("bad2", "'single'")];
    const { errors, segments } = checkSegments(defs);
    expect(segments.map((s) => s.id)).toEqual(["ok"]);
    expect(() => compileSegments(defs)).toThrow(SegmentLanguageError);
    try {
      compileSegments(defs);
    } catch (e) {
      expect((e as SegmentLanguageError).errors).toEqual(errors);
      for (const err of errors) expect((e as Error).message).toContain(err.message);
    }
  });
});

const rows: ErrorRow[] = [
  ["x = null", { at: "1:5", reason: ["is null"] }, "x = null is a syntax error whose message says so"],
  [
    "email = null or x = 1",
    { at: "1:9", reason: ["is null"] },
    "x = null is a syntax error whose message says so",
  ],
  ["x != null", { at: "1:6", reason: ["is null"] }, "x = null is a syntax error whose message says so"],
  ["country = 'US'", { at: "1:11", reason: [/quote|'/i] }, "Single quotes are an error"],
  ["x in ['a', \"b\"]", { at: "1:7", reason: [/quote|'/i] }, "Single quotes are an error"],
  ["", { at: "1:1" }, "It rejects empty definitions"],
  ["  \n  ", {}, "It rejects empty definitions"],
  ["# nothing here", {}, "It rejects empty definitions"],
  [[d("dup", "true"), d("dup", "true")], { id: "dup", reason: ["dup"] }, "It rejects duplicate segment ids"],
  [
    "lastOrder >= and x = 1",
    { at: "1:14", reason: ['expected a value after ">="', 'found "and"'] },
    "the spec's example on one line",
  ],
  ["x >= )", { at: "1:6", reason: ['">="'] }, "a one-line reason naming what was expected"],
];

describe("Errors: rows", () => {
  it.each(errorCases(rows))("$name", (c) => {
    checkErrorCase(c);
  });
});

/** Definitions with two independent mistakes, both of which must be reported (alternatives: either position). */
const several: [string, Pos[][]][] = [
  ["x in [1 +, 2 *]", [["1:10"], ["1:15"]]],
  ["(x >) and (y <)", [["1:5"], ["1:15"]]],
  ["(x >)\nand (y <)", [["1:5"], ["2:9"]]],
  ['type = "x" and timestamp > now', [["1:1"], ["1:16"]]],
  ['flag and 1 and "s"', [["1:10"], ["1:16"]]],
  ["foo(x) = 1 and bar(y) = 2", [["1:1"], ["1:16"]]],
  [
    'date("2026-02-30") < now or date("2026-13-01") < now',
    [
      ["1:1", "1:6"],
      ["1:29", "1:34"],
    ],
  ],
];

describe(`Errors: ${SEVERAL}`, () => {
  it.each(several)("%s reports errors at %j", (definition, expected) => {
    const errors = errorsOf(definition);
    for (const e of errors) expectWellFormed(e);
    const at = errors.map((e) => `${e.line}:${e.column}`);
    for (const options of expected) {
      expect(
        options.some((pos) => at.includes(pos)),
        `one of ${JSON.stringify(options)} in ${JSON.stringify(errors)}`,
      ).toBe(true);
    }
  });
});
