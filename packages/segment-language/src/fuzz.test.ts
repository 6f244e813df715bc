/**
 * Fuzzing the front end: random text and mutated valid definitions go to `checkSegments`. Every
 * input must end in either no errors (then it compiles and evaluates without throwing) or errors
 * that are well formed and positioned inside the input (docs/segment-language.md, "Syntax" and
 * "Checks": id, line, column, one-line reason). Never a thrown exception.
 *
 * A failure prints fast-check's seed and the shrunk input; rerun with `{ seed, path }` to replay.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkSegments,
  compileSegments,
  type LanguageError,
  type Profile,
  type SegmentDefinition,
} from "./index.js";
import { expectWellFormed, NOW, specProfile } from "./spec-tests/fixtures.js";

/** Segments the fuzzed definition may reference; valid, and independent of it. */
const COMPANIONS: SegmentDefinition[] = [
  { id: "high-value", definition: 'sum(events.revenue where type = "purchase") > 1000' },
  { id: "b", definition: 'country = "US"' },
];

/** Valid definitions covering every production of the grammar; the mutation seeds. */
const SEEDS = [
  `# Adobe's example: searched for running shoes in the last 30 days,
# and no purchase in the last 30 days
exists(events where type = "search" and keywords contains "running shoes"
       and timestamp within last 30 days)
and not exists(events where type = "purchase" and timestamp within last 30 days)`,
  'loyalty.tier in ["gold", "platinum"] and country = "US" and yearsSince(birthDate) >= 18',
  'sum(events.revenue where type = "purchase" and timestamp within last 90 days) > 500',
  'daysSince(max(events.timestamp where type = "purchase")) > 60',
  'sequence(events where type = "productView", events where type = "addToCart") within 1 day',
  'inSegment("high-value") and scores.churn.score >= 80',
  'tags != "unsubscribed" and email is not null',
  "x not between 1 and 2 or y not in [1, 2, 3] or z between -1 and 1 + 2 * 3 / 4",
  '`first-name` starts with "A" and lower(`last name`) ends with "z" and upper(a.`b c`) contains "Q"',
  'length(tags) = 2 or abs(-3) = 3 or date("2026-01-01T10:00:00.123+02:00") < now - 3 days',
  'count(events where properties.x = 1 or product.sku = "a") >= 1 and avg(events.v) < 10',
  'min(events.timestamp) is null or max(events.n where `type` = "x") is not null',
  "not (a = true) and (b != false) and flag and (1 = 1.0) and days = 3",
  'NOT exists(EVENTS WHERE inSegment("b")) OR Count(events) = 0 # trailing comment',
  'x = "\\u00e9\\n\\"😀" and `😀` = 1\r\nand y within last 15 minutes',
];

/** Characters worth trying: syntax, quotes of every kind, escapes, control and non-BMP characters. */
const CHARS = [
  ..."abcxyzAZ_019 .,()[]=!<>+-*/#\"'`\\\n\r\t",
  "\u0000",
  "\u001f",
  "\u007f",
  "\u00a0",
  "\u2028",
  "é",
  "ß",
  "İ",
  "😀",
  "\uFFFF",
];

/** Ill-formed UTF-16: each lone surrogate is one code point, and must not swallow the next character. */
const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF"];

/** Tokens of the language and near misses. */
const TOKENS = [
  ...[
    "and",
    "or",
    "not",
    "in",
    "between",
    "contains",
    "starts",
    "ends",
    "with",
    "is",
    "null",
    "within",
    "last",
  ],
  ...["true", "false", "now", "date", "exists", "sequence", "inSegment", "count", "sum", "avg", "min", "max"],
  ...["lower", "upper", "length", "abs", "daysSince", "yearsSince", "events", "where", "type", "timestamp"],
  ...["days", "day", "hours", "minute", "weeks", "x", "loyalty.tier", "properties.a", "scores.c", "id"],
  ...["=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".", "!", "==", "'"],
  ...["1", "0", "1.5", "007", "1e3", ".5", '"a"', '""', '"2026-01-01"', '"\\u0041"', '"\\x"', '"open'],
  ...["`a b`", "``", "`open", "# c\n", "\r\n", "\n", "\r", "\t", "😀", '"😀"', "AND", "Count"],
];

/** A profile with something odd in every place the evaluator reads. */
const ODD: Profile = {
  id: "p-odd",
  attributes: {
    x: [1, null, "2", [3], { a: 1 }],
    y: null,
    z: "2026-02-30",
    a: true,
    flag: "true",
    days: 3,
    tags: [],
    email: "",
    loyalty: { tier: ["gold", { x: 1 }] },
    birthDate: new Date("2000-02-29T00:00:00Z"),
    "first-name": "Ann",
    "last name": "Zed",
  },
  events: [
    { type: "purchase", timestamp: "2026-11-28T00:00:00Z", properties: { revenue: 2000, x: 1 } },
    { type: 5, timestamp: "2026-11-28T00:00:00+14:00", properties: "text" },
    { type: "search", timestamp: new Date(NOW - 1000), properties: [{ keywords: "a" }] },
    { type: "view", timestamp: "garbage" },
    { type: "view", timestamp: "2027-01-01" },
    { timestamp: null, properties: null },
  ],
  scores: { churn: { score: "87" }, c: null },
};

const PROFILES: Profile[] = [specProfile, ODD, { id: "p-empty" }];

/** Lines as the language counts them: LF and CRLF end a line, a lone CR does not. */
function lineLengths(source: string): number[] {
  return source.split(/\r\n|\n/).map((line) => [...line].length);
}

/** An error is inside the input when its line exists and its column is at most one past the line's end. */
function expectInside(e: LanguageError, source: string): void {
  const lines = lineLengths(source);
  const where = `${JSON.stringify(source)} → ${JSON.stringify(e)}`;
  expect(e.line, where).toBeLessThanOrEqual(lines.length);
  expect(e.column, where).toBeLessThanOrEqual(lines[e.line - 1]! + 1);
}

/** The property every input must satisfy. */
function frontEndHolds(definition: string): void {
  const defs = [{ id: "s", definition }, ...COMPANIONS];
  const { errors } = checkSegments(defs);
  if (errors.length === 0) {
    const compiled = compileSegments(defs);
    for (const profile of PROFILES) {
      for (const now of [NOW, NOW - 400 * 86_400_000]) {
        const result = compiled.evaluate(profile, now);
        expect(result).toHaveLength(defs.length);
        for (const r of result) expect(typeof r).toBe("boolean");
      }
    }
    return;
  }
  for (const e of errors) {
    expectWellFormed(e);
    expect(e.segmentId, JSON.stringify(e)).toBe("s");
    expectInside(e, definition);
  }
}

/** Splits a definition into rough tokens (strings, backticks, words, numbers, operators, spaces). */
function roughTokens(source: string): string[] {
  return (
    source.match(
      /"(?:[^"\\\n]|\\.)*"?|`[^`\n]*`?|[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?|[!<>]=|\s+|./gsu,
    ) ?? []
  );
}

type Edit = {
  op: "delete" | "insert" | "duplicate" | "swap";
  level: "char" | "token";
  i: number;
  j: number;
  piece: string;
};

function applyEdit(source: string, { op, level, i, j, piece }: Edit): string {
  const parts = level === "char" ? [...source] : roughTokens(source);
  if (parts.length === 0) return piece;
  const a = i % parts.length;
  const b = j % parts.length;
  switch (op) {
    case "delete":
      parts.splice(a, 1);
      break;
    case "insert":
      parts.splice(a, 0, piece);
      break;
    case "duplicate":
      parts.splice(a, 0, parts[a]!);
      break;
    case "swap": {
      const t = parts[a]!;
      parts[a] = parts[b]!;
      parts[b] = t;
      break;
    }
  }
  return parts.join("");
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom("delete", "insert", "duplicate", "swap"),
  level: fc.constantFrom("char", "token"),
  i: fc.nat(),
  j: fc.nat(),
  piece: fc.oneof(fc.constantFrom(...TOKENS), fc.constantFrom(...CHARS)),
});

const mutatedArb = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(editArb, { minLength: 1, maxLength: 4 }))
  .map(([seed, edits]) => edits.reduce(applyEdit, seed));

const tokenSoupArb = fc
  .tuple(
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }),
    fc.constantFrom(" ", "", "\n", "\r\n", "  "),
  )
  .map(([tokens, sep]) => tokens.join(sep));

const charSoupArb = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 60 });
const surrogateSoupArb = fc.string({ unit: fc.constantFrom(...CHARS, ...LONE_SURROGATES), maxLength: 30 });

describe("fuzzing checkSegments", () => {
  it("every seed is valid and evaluates", () => {
    for (const seed of SEEDS) {
      expect(checkSegments([{ id: "s", definition: seed }, ...COMPANIONS]).errors, seed).toEqual([]);
      frontEndHolds(seed);
    }
  });

  it("random characters (syntax, quotes, control, non-BMP) never throw", () => {
    fc.assert(fc.property(charSoupArb, frontEndHolds), { numRuns: 2500 });
  });

  it("text with lone surrogates never throws, and positions stay inside the input", () => {
    fc.assert(fc.property(surrogateSoupArb, frontEndHolds), { numRuns: 1000 });
  });

  it("random Unicode text never throws", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), frontEndHolds), { numRuns: 1000 });
  });

  it("random token sequences never throw", () => {
    fc.assert(fc.property(tokenSoupArb, frontEndHolds), { numRuns: 2500 });
  });

  it("mutations of valid definitions never throw", () => {
    fc.assert(fc.property(mutatedArb, frontEndHolds), { numRuns: 4000 });
  });
});

describe("inputs the fuzzer found (kept as regressions)", () => {
  it.each([
    ["a backslash before a line feed in a string (the reason must stay on one line)", '"\\\n"'],
    ["a backslash before a carriage return in a string", '"\\\r"'],
    ["a lone high surrogate before a line feed", "\uD800\n"],
    ["a lone high surrogate, a line feed, a lone low surrogate (positions)", "\uD800\na\uDC00"],
    ["a lone low surrogate", "x = \uDC00"],
  ])("%s", (_name, definition) => {
    frontEndHolds(definition);
  });
});

describe("pathological inputs end in a result, not an exception", () => {
  const deep = 5000;
  it.each([
    ["deeply nested parentheses", `${"(".repeat(deep)}x = 1${")".repeat(deep)}`],
    ["unclosed parentheses", "(".repeat(deep)],
    ["a long chain of not", `${"not ".repeat(deep)}true`],
    ["a long chain of unary minus", `${"-".repeat(deep)}1 = 1`],
    ["deeply nested lists", `x in ${"[".repeat(deep)}1${"]".repeat(deep)}`],
    ["a long and chain", `${"x = 1 and ".repeat(deep)}true`],
    ["a long sum", `${"1 + ".repeat(deep)}1 > 0`],
    ["a long list", `x in [${Array.from({ length: deep }, (_, i) => i).join(", ")}]`],
    ["a long string", `x = "${"a".repeat(100_000)}"`],
    ["a long path", `${Array.from({ length: deep }, () => "a").join(".")} = 1`],
    ["nested lower", `${"lower(".repeat(deep)}x${")".repeat(deep)} = "a"`],
  ])("%s", (_name, definition) => {
    frontEndHolds(definition);
  });
});
