/**
 * fast-check arbitraries for the segment language's property tests: random profiles and random
 * well-typed segment sets (ASTs the checker accepts once printed with `formatExpr`).
 *
 * Keys, strings and instants come from small pools, so that generated paths hit generated data
 * and generated times land on both sides of `now`, of `within last` windows and of each other.
 */
import fc from "fast-check";
import {
  type AggregateFn,
  type ArithOp,
  AST_VERSION,
  type CompareOp,
  type DurationUnit,
  type Expr,
  type FunctionName,
  type PathExpr,
  type PathRoot,
  type SegmentAst,
  UNIT_MS,
} from "../ast.js";
import { addCalendarYears, parseInstant } from "../instant.js";
import type { Profile, ProfileEvent } from "../profile.js";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Instants the tests run at: an ordinary day, a leap day, just after a month boundary, and the
 * day a 29 February birthday is celebrated in a common year.
 */
export const NOWS: readonly number[] = [
  Date.UTC(2026, 5, 15, 12, 0, 0),
  Date.UTC(2024, 1, 29, 0, 0, 0),
  Date.UTC(2025, 2, 1, 0, 0, 0, 1),
  Date.UTC(2026, 1, 28, 12, 0, 0),
];

// ---------------------------------------------------------------------------------------------
// Pools

/** Attribute and property keys: a few common ones, then names that need backticks or shadow a root. */
const COMMON_KEYS = ["a", "b", "n", "tags"] as const;
// biome-ignore format: a pool reads better packed
const ODD_KEYS = [
  "when", "first-name", "ü", "type", "timestamp", "id", "scores", "attributes", "properties", "and", "days",
] as const;
const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMMON_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) },
);
const SCORE_MODELS = ["churn", "ltv"] as const;
const SCORE_FIELDS = ["score", "bucket", "percentile"] as const;
const EVENT_TYPES = ["search", "purchase", "view", "Search"] as const;
/** Segment ids, some needing escapes inside `inSegment("…")`. */
const SEGMENT_IDS = ["vip", "high-value", "lapsed", "séance 🎯", 'q"uote'] as const;

// biome-ignore format: a pool reads better packed
const STRINGS = [
  "", "a", "b", "ab", "A", "B", "US", "us", "gold", "Gold", "runner", "running shoes", "shoes", "5", "10",
  "-1", "true", "ß", "İ", "é", "e\u0301", "😀", "\uFFFF", "\uFF21", "𝒳yz", "a😀b", "x y",
];

/** Birthdays around an 18th birthday at `now`, and 29 February ones. */
function birthdays(nowMs: number): number[] {
  const adult = addCalendarYears(nowMs, -18);
  // biome-ignore format: a pool reads better packed
  return [
    adult, adult + 1, adult - DAY, adult + DAY,
    Date.UTC(2008, 1, 29), Date.UTC(2000, 1, 29, 23, 59), Date.UTC(1990, 4, 1),
  ];
}

/** Instants near `now`: both sides of it and of day, 30- and 90-day windows, plus birthdays. */
function timePoints(nowMs: number): number[] {
  // biome-ignore format: a pool reads better packed
  const offsets = [
    0, -1, 1, -MINUTE, -HOUR, -DAY + 1, -DAY, -DAY - 1, -2 * DAY, -7 * DAY, -30 * DAY, -30 * DAY - 1,
    -31 * DAY, -90 * DAY, -91 * DAY, -400 * DAY, DAY, 30 * DAY,
  ];
  return [...offsets.map((o) => nowMs + o), ...birthdays(nowMs)];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DDTHH:MM:SS` of `ms` read in UTC. */
function civil(ms: number): { date: string; hm: string; s: string; millis: string } {
  const d = new Date(ms);
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    s: pad(d.getUTCSeconds()),
    millis: pad(d.getUTCMilliseconds(), 3),
  };
}

/** Strictly valid texts for `ms` (and for its day): every accepted shape of an instant. */
function validTexts(ms: number): string[] {
  const u = civil(ms);
  const plus2 = civil(ms + 120 * MINUTE);
  const minus530 = civil(ms - 330 * MINUTE);
  return [
    new Date(ms).toISOString(),
    `${u.date}T${u.hm}:${u.s}.${u.millis}`,
    `${u.date}T${u.hm}:${u.s}.${u.millis}999Z`,
    `${plus2.date}T${plus2.hm}:${plus2.s}.${plus2.millis}+02:00`,
    `${minus530.date}T${minus530.hm}:${minus530.s}.${minus530.millis}-05:30`,
    `${u.date}T${u.hm}Z`,
    u.date,
  ];
}

/** Texts that are not instants: calendar, case, separator, range and shape mistakes. */
// biome-ignore format: a pool reads better packed
const INVALID_TEXTS = [
  "2026-02-30", "2025-02-29", "2026-06-15T12:00:00z", "2026-06-15 12:00:00Z", "yesterday", "", "2026-6-15",
  "2026-06-15T24:00:00Z", "2026-06-15T12:00:00+15:00", "2026-06-15T12:00:00.Z", "0000-01-01", "2026-06-15T12",
];

function timeTexts(nowMs: number): string[] {
  return timePoints(nowMs).flatMap(validTexts);
}

// ---------------------------------------------------------------------------------------------
// Profiles

function numberValue(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -3, max: 20 }) },
    { weight: 3, arbitrary: fc.constantFrom(0, 0.5, 1.5, -2.25, 18, 30, 60, 80, 100, 500, 1200, 0.1, 0.2) },
    { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  );
}

function stringValue(nowMs: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...timeTexts(nowMs), ...INVALID_TEXTS) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "A", "é", "😀", "\uFFFF", " "), maxLength: 4 }),
    },
  );
}

function dateValue(nowMs: number): fc.Arbitrary<Date> {
  return fc.constantFrom(...timePoints(nowMs)).map((ms) => new Date(ms));
}

/** A JSON-ish value (plus `Date`), `depth` levels of arrays and objects at most. */
function dataValue(nowMs: number, depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: numberValue() },
    { weight: 4, arbitrary: stringValue(nowMs) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: dateValue(nowMs) },
  );
  if (depth === 0) return leaf;
  const inner = dataValue(nowMs, depth - 1);
  const object = dataObject(nowMs, depth - 1);
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(leaf, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }) },
    { weight: 3, arbitrary: object },
    { weight: 2, arbitrary: fc.array(object, { maxLength: 3 }) },
  );
}

function dataObject(nowMs: number, depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(keyArb, dataValue(nowMs, depth), { minKeys: 1, maxKeys: 6, noNullPrototype: true });
}

function scoresValue(): fc.Arbitrary<Record<string, unknown>> {
  const model = fc.dictionary(
    fc.constantFrom(...SCORE_FIELDS),
    fc.oneof(numberValue(), fc.constantFrom("high", "low", null)),
    { maxKeys: 3, noNullPrototype: true },
  );
  return fc.dictionary(
    fc.constantFrom(...SCORE_MODELS),
    fc.oneof({ weight: 5, arbitrary: model }, fc.constant(7)),
    { maxKeys: 2, noNullPrototype: true },
  );
}

function timestampValue(nowMs: number): fc.Arbitrary<unknown> {
  // Few distinct instants, so that equal timestamps are common.
  // biome-ignore format: a pool reads better packed
  const near = [
    0, -1, 1, -HOUR, -DAY, -DAY - 1, -2 * DAY, -7 * DAY, -30 * DAY, -31 * DAY, -90 * DAY, DAY,
  ].map((o) => nowMs + o);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...near.flatMap(validTexts)) },
    { weight: 2, arbitrary: fc.constantFrom(...near).map((ms) => new Date(ms)) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_TEXTS, null, 12345, new Date(Number.NaN)) },
  );
}

function eventValue(nowMs: number): fc.Arbitrary<ProfileEvent> {
  return fc.record(
    {
      type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...EVENT_TYPES) }, fc.constantFrom(7, null)),
      timestamp: timestampValue(nowMs),
      properties: fc.oneof(
        { weight: 8, arbitrary: dataObject(nowMs, 1) },
        fc.constantFrom("x", 5, null, [{ a: 1 }]),
      ),
    },
    { requiredKeys: ["timestamp"] },
  );
}

/** A profile with attributes, 0-30 events and scores drawn from the pools above. */
export function profileArb(nowMs: number): fc.Arbitrary<Profile> {
  const event = eventValue(nowMs);
  return fc.record(
    {
      id: fc.constantFrom("p-001", "p2", ""),
      attributes: fc.oneof({ weight: 10, arbitrary: dataObject(nowMs, 3) }, fc.constant(null)),
      events: fc.oneof(
        { weight: 6, arbitrary: fc.array(event, { maxLength: 8 }) },
        { weight: 2, arbitrary: fc.array(event, { minLength: 9, maxLength: 30 }) },
        fc.constant(null),
      ),
      scores: fc.oneof({ weight: 4, arbitrary: scoresValue() }, fc.constant(null)),
    },
    { requiredKeys: ["id"] },
  );
}

// ---------------------------------------------------------------------------------------------
// Expressions

const AT = { line: 1, column: 1 };

const num = (value: number): Expr => ({ kind: "number", value, at: AT });
const str = (value: string): Expr => ({ kind: "string", value, at: AT });
const path = (root: PathRoot, keys: string[], source: string[]): PathExpr => ({
  kind: "path",
  root,
  keys,
  source,
  at: AT,
});
const duration = (amount: number, unit: DurationUnit): Expr & { kind: "duration" } => ({
  kind: "duration",
  amount,
  unit,
  ms: amount * UNIT_MS[unit],
  at: AT,
});
const arith = (op: ArithOp, left: Expr, right: Expr): Expr => ({ kind: "arith", op, left, right, at: AT });
const call = (fn: FunctionName, arg: Expr): Expr => ({ kind: "call", fn, arg, at: AT });

/** First segments that choose a root outside an event filter (`type`/`timestamp` are errors there). */
const OUTSIDE_ROOT_WORDS = new Set(["id", "scores", "attributes", "type", "timestamp"]);
/** First segments that choose a root inside an event filter or aggregate path. */
const INSIDE_ROOT_WORDS = new Set(["type", "timestamp", "properties"]);

type Flavor = "number" | "string" | "instant" | "duration";
const FLAVORS: Flavor[] = ["number", "string", "instant", "duration"];
const COMPARE_OPS: CompareOp[] = ["=", "!=", "<", "<=", ">", ">="];

/**
 * Builds expression arbitraries by depth. Every arbitrary is memoised by (what, inside a filter,
 * depth), so building the whole family costs a few hundred objects. `inFilter` selects the path
 * roots and forbids event sets and aggregates. Booleans appear only where booleans may, and known
 * booleans never reach ordering, arithmetic or text forms.
 *
 * `inSegment` is generated with a placeholder id `#k`; {@link segmentSetArb} resolves it to a
 * segment that cannot close a cycle.
 */
class ExprArbs {
  private readonly cache = new Map<string, fc.Arbitrary<Expr>>();
  private readonly texts: string[];
  private readonly birthdayTexts: string[];

  constructor(nowMs: number) {
    this.texts = timeTexts(nowMs);
    this.birthdayTexts = birthdays(nowMs).flatMap(validTexts);
  }

  private memo(key: string, build: () => fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
    let arb = this.cache.get(key);
    if (arb === undefined) {
      arb = build();
      this.cache.set(key, arb);
    }
    return arb;
  }

  // Paths -------------------------------------------------------------------------------------

  /** Path keys after the root: mostly one, sometimes two or three (`min` 0 allows none). */
  private keys(min: number): fc.Arbitrary<string[]> {
    const options: fc.WeightedArbitrary<string[]>[] = [
      { weight: 6, arbitrary: fc.tuple(keyArb) },
      { weight: 3, arbitrary: fc.tuple(keyArb, keyArb) },
      { weight: 1, arbitrary: fc.tuple(keyArb, keyArb, keyArb) },
    ];
    if (min === 0) options.push({ weight: 1, arbitrary: fc.constant([]) });
    return fc.oneof(...options);
  }

  /** A path read outside a filter: implicit or explicit attributes, scores, id. */
  private outsidePath(): fc.Arbitrary<Expr> {
    return this.memo("outsidePath", () =>
      fc.oneof(
        {
          weight: 40,
          arbitrary: this.keys(1).map((keys) =>
            OUTSIDE_ROOT_WORDS.has(keys[0]!)
              ? path("attributes", keys, ["attributes", ...keys])
              : path("attributes", keys, keys),
          ),
        },
        {
          weight: 5,
          arbitrary: this.keys(0).map((keys) => path("attributes", keys, ["attributes", ...keys])),
        },
        {
          weight: 10,
          arbitrary: fc
            .tuple(
              fc.constantFrom(...SCORE_MODELS),
              fc.constantFrom(...SCORE_FIELDS),
              fc.integer({ min: 0, max: 2 }),
            )
            .map(([model, field, n]) => {
              const keys = [model, field].slice(0, n);
              return path("scores", keys, ["scores", ...keys]);
            }),
        },
        { weight: 5, arbitrary: fc.constant(path("id", [], ["id"])) },
        // A string has no keys: missing.
        { weight: 1, arbitrary: fc.constant(path("id", ["a"], ["id", "a"])) },
      ),
    );
  }

  /** A path read inside a filter or as an aggregate's path: type, timestamp, properties. */
  private insidePath(): fc.Arbitrary<Expr> {
    return this.memo("insidePath", () =>
      fc.oneof(
        { weight: 10, arbitrary: fc.constant(path("type", [], ["type"])) },
        { weight: 10, arbitrary: fc.constant(path("timestamp", [], ["timestamp"])) },
        // Keys after an event's own fields read nothing: missing.
        {
          weight: 2,
          arbitrary: fc
            .constantFrom<PathRoot>("type", "timestamp")
            .map((root) => path(root, ["a"], [root, "a"])),
        },
        {
          weight: 30,
          arbitrary: this.keys(1).map((keys) =>
            INSIDE_ROOT_WORDS.has(keys[0]!)
              ? path("properties", keys, ["properties", ...keys])
              : path("properties", keys, keys),
          ),
        },
        {
          weight: 5,
          arbitrary: this.keys(0).map((keys) => path("properties", keys, ["properties", ...keys])),
        },
      ),
    );
  }

  private path(inFilter: boolean): fc.Arbitrary<Expr> {
    return inFilter ? this.insidePath() : this.outsidePath();
  }

  // Leaves ------------------------------------------------------------------------------------

  private numberLiteral(): fc.Arbitrary<Expr> {
    return fc
      .oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(0, 1, 2, 3, 5, 10, 18, 30, 60, 80, 100, 500, 1200, 0.5, 1.5, 0.1),
        },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 50 }) },
        // Plain decimals only: exponents are format.test.ts's business.
        { weight: 1, arbitrary: fc.double({ min: 1e-6, max: 1e9, noNaN: true }) },
      )
      .map(num);
  }

  private stringLiteral(): fc.Arbitrary<Expr> {
    return fc
      .oneof(
        { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
        { weight: 1, arbitrary: fc.constantFrom(...this.texts, ...INVALID_TEXTS) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
      )
      .map(str);
  }

  private dateLiteral(): fc.Arbitrary<Expr> {
    return fc
      .constantFrom(...this.texts)
      .map((text): Expr => ({ kind: "date", text, epochMs: parseInstant(text)!, at: AT }));
  }

  /** A birthday as a date literal or as a string (both are instants to daysSince/yearsSince). */
  private birthdayLiteral(): fc.Arbitrary<Expr> {
    return fc
      .tuple(fc.constantFrom(...this.birthdayTexts), fc.boolean())
      .map(
        ([text, asDate]): Expr =>
          asDate ? { kind: "date", text, epochMs: parseInstant(text)!, at: AT } : str(text),
      );
  }

  private durationLiteral(): fc.Arbitrary<Expr & { kind: "duration" }> {
    return fc
      .tuple(
        fc.constantFrom(0, 1, 2, 3, 7, 30, 90, 365, 1.5, 0.5),
        fc.constantFrom<DurationUnit>("minute", "hour", "day", "week"),
      )
      .map(([amount, unit]) => duration(amount, unit));
  }

  private inSegmentPlaceholder(): fc.Arbitrary<Expr> {
    return fc
      .integer({ min: 0, max: 3 })
      .map((k): Expr => ({ kind: "inSegment", segmentId: `#${k}`, at: AT }));
  }

  /** `events` or `events where F` inside an event set: a filter is never nested deeper than 2. */
  private filter(depth: number): fc.Arbitrary<Expr | null> {
    return fc.option(this.bool(true, Math.min(depth, 2)), { nil: null, freq: 4 });
  }

  // Values ------------------------------------------------------------------------------------

  value(flavor: Flavor, inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`${flavor}:${inFilter}:${depth}`, () => {
      const d = depth - 1;
      const p = this.path(inFilter);
      switch (flavor) {
        case "number": {
          if (depth === 0) return fc.oneof(this.numberLiteral(), p);
          const n = this.value("number", inFilter, d);
          const inst = this.value("instant", inFilter, d);
          const options: fc.WeightedArbitrary<Expr>[] = [
            { weight: 3, arbitrary: this.numberLiteral() },
            { weight: 3, arbitrary: p },
            {
              weight: 2,
              arbitrary: fc
                .tuple(fc.constantFrom<ArithOp>("+", "-", "*", "/"), n, n)
                .map(([op, l, r]) => arith(op, l, r)),
            },
            { weight: 1, arbitrary: n.map((operand): Expr => ({ kind: "negate", operand, at: AT })) },
            { weight: 1, arbitrary: n.map((arg) => call("abs", arg)) },
            {
              weight: 1,
              arbitrary: fc
                .oneof(this.value("string", inFilter, d), p, this.list(inFilter, d))
                .map((arg) => call("length", arg)),
            },
            {
              weight: 2,
              arbitrary: fc
                .tuple(fc.constantFrom<FunctionName>("daysSince", "yearsSince"), fc.oneof(inst, p))
                .map(([fn, arg]) => call(fn, arg)),
            },
          ];
          if (!inFilter) {
            options.push(
              {
                weight: 2,
                arbitrary: this.filter(d).map((filter): Expr => ({ kind: "count", filter, at: AT })),
              },
              {
                weight: 3,
                arbitrary: fc
                  .tuple(
                    fc.constantFrom<AggregateFn>("sum", "avg", "min", "max"),
                    this.insidePath(),
                    this.filter(d),
                  )
                  .map(
                    ([fn, aggPath, filter]): Expr => ({
                      kind: "aggregate",
                      fn,
                      path: aggPath as PathExpr,
                      filter,
                      at: AT,
                    }),
                  ),
              },
            );
          }
          return fc.oneof(...options);
        }
        case "string": {
          if (depth === 0) return fc.oneof(this.stringLiteral(), p);
          return fc.oneof(
            { weight: 3, arbitrary: this.stringLiteral() },
            { weight: 3, arbitrary: p },
            {
              weight: 1,
              arbitrary: fc
                .tuple(fc.constantFrom<FunctionName>("lower", "upper"), this.value("string", inFilter, d))
                .map(([fn, arg]) => call(fn, arg)),
            },
          );
        }
        case "instant": {
          const leaves: fc.WeightedArbitrary<Expr>[] = [
            { weight: 2, arbitrary: fc.constant<Expr>({ kind: "now", at: AT }) },
            { weight: 3, arbitrary: this.dateLiteral() },
            { weight: 1, arbitrary: fc.constantFrom(...this.texts).map(str) },
            {
              weight: inFilter ? 4 : 2,
              arbitrary: inFilter ? fc.constant(path("timestamp", [], ["timestamp"])) : p,
            },
          ];
          if (depth === 0) return fc.oneof(...leaves);
          const inst = this.value("instant", inFilter, d);
          const dur = this.value("duration", inFilter, d);
          const options: fc.WeightedArbitrary<Expr>[] = [
            ...leaves,
            {
              weight: 2,
              arbitrary: fc
                .tuple(fc.constantFrom<ArithOp>("+", "-"), inst, dur)
                .map(([op, l, r]) => arith(op, l, r)),
            },
            { weight: 1, arbitrary: fc.tuple(dur, inst).map(([l, r]) => arith("+", l, r)) },
          ];
          if (!inFilter) {
            options.push({
              weight: 2,
              // Mostly `timestamp`; other paths may hold Dates (instants) mixed with numbers.
              arbitrary: fc
                .tuple(
                  fc.constantFrom<AggregateFn>("min", "max"),
                  fc.oneof(fc.constant(path("timestamp", [], ["timestamp"])), this.insidePath()),
                  this.filter(d),
                )
                .map(
                  ([fn, aggPath, filter]): Expr => ({
                    kind: "aggregate",
                    fn,
                    path: aggPath as PathExpr,
                    filter,
                    at: AT,
                  }),
                ),
            });
          }
          return fc.oneof(...options);
        }
        case "duration": {
          if (depth === 0) return this.durationLiteral();
          const inst = this.value("instant", inFilter, d);
          const dur = this.value("duration", inFilter, d);
          return fc.oneof(
            { weight: 3, arbitrary: this.durationLiteral() },
            { weight: 2, arbitrary: fc.tuple(inst, inst).map(([l, r]) => arith("-", l, r)) },
            {
              weight: 1,
              arbitrary: fc
                .tuple(fc.constantFrom<ArithOp>("+", "-"), dur, dur)
                .map(([op, l, r]) => arith(op, l, r)),
            },
            { weight: 1, arbitrary: dur.map((operand): Expr => ({ kind: "negate", operand, at: AT })) },
          );
        }
      }
    });
  }

  /** A value of any flavor (never a known boolean); now and then a list. */
  any(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`any:${inFilter}:${depth}`, () => {
      const options: fc.WeightedArbitrary<Expr>[] = FLAVORS.map((f) => ({
        weight: 3,
        arbitrary: this.value(f, inFilter, depth),
      }));
      // A list holds values one level down, so depth 0 has none (and the recursion ends).
      if (depth > 0) options.push({ weight: 1, arbitrary: this.list(inFilter, depth - 1) });
      return fc.oneof(...options);
    });
  }

  private list(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`list:${inFilter}:${depth}`, () =>
      fc
        .array(fc.oneof(this.any(inFilter, depth), this.path(inFilter)), { maxLength: 3 })
        .map((items): Expr => ({ kind: "list", items, at: AT })),
    );
  }

  /** A value of a random flavor, and sometimes a mismatched one, for a comparison's operands. */
  private operandPair(inFilter: boolean, depth: number): fc.Arbitrary<[Expr, Expr]> {
    return fc.oneof(
      ...FLAVORS.map((f) => ({
        weight: 3,
        arbitrary: fc.tuple(this.value(f, inFilter, depth), this.value(f, inFilter, depth)),
      })),
      { weight: 1, arbitrary: fc.tuple(this.any(inFilter, depth), this.any(inFilter, depth)) },
    );
  }

  // Booleans ----------------------------------------------------------------------------------

  private comparison(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`comparison:${inFilter}:${depth}`, () => {
      const d = depth - 1;
      const pair = this.operandPair(inFilter, d);
      const anyValue = this.any(inFilter, d);
      const p = this.path(inFilter);
      const boolValue = this.bool(inFilter, d);
      const listOf = (item: fc.Arbitrary<Expr>) =>
        fc
          .array(fc.oneof({ weight: 4, arbitrary: item }, anyValue, p), { maxLength: 4 })
          .map((items) => ({ kind: "list" as const, items, at: AT }));
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .tuple(fc.constantFrom(...COMPARE_OPS), pair)
            .map(([op, [left, right]]): Expr => ({ kind: "compare", op, left, right, at: AT })),
        },
        {
          // Ages and day counts against small integers, where floor and calendar rules show.
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.constantFrom<FunctionName>("daysSince", "yearsSince"),
              fc.oneof(this.value("instant", inFilter, d), p, this.birthdayLiteral()),
              fc.constantFrom(...COMPARE_OPS),
              fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(17, 18, 25, 26)),
            )
            .map(([fn, arg, op, k]): Expr => {
              const right: Expr = k < 0 ? { kind: "negate", operand: num(-k), at: AT } : num(k);
              return { kind: "compare", op, left: call(fn, arg), right, at: AT };
            }),
        },
        {
          // Booleans compare with = and != only.
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.constantFrom<CompareOp>("=", "!="),
              boolValue,
              fc.oneof(boolValue, fc.boolean().map(boolLit)),
            )
            .map(([op, left, right]): Expr => ({ kind: "compare", op, left, right, at: AT })),
        },
        ...FLAVORS.map((f) => {
          const v = this.value(f, inFilter, d);
          return fc
            .tuple(fc.boolean(), v, listOf(v))
            .map(([negated, value, list]): Expr => ({ kind: "in", negated, value, list, at: AT }));
        }),
        ...FLAVORS.map((f) => {
          const v = this.value(f, inFilter, d);
          return fc
            .tuple(fc.boolean(), v, v, fc.oneof({ weight: 4, arbitrary: v }, anyValue))
            .map(
              ([negated, value, low, high]): Expr => ({ kind: "between", negated, value, low, high, at: AT }),
            );
        }),
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.constantFrom("contains" as const, "startsWith" as const, "endsWith" as const),
              fc.oneof(
                fc.tuple(this.value("string", inFilter, d), this.value("string", inFilter, d)),
                fc.tuple(p, anyValue),
              ),
            )
            .map(([kind, [value, operand]]): Expr => ({ kind, value, operand, at: AT })),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.boolean(), fc.oneof({ weight: 3, arbitrary: p }, anyValue))
            .map(([negated, value]): Expr => ({ kind: "isNull", negated, value, at: AT })),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(this.value("instant", inFilter, d), this.durationLiteral())
            .map(([value, dur]): Expr => ({ kind: "withinLast", value, duration: dur, at: AT })),
        },
      );
    });
  }

  /** A known boolean, or a path (true when it holds the boolean `true`). */
  bool(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`bool:${inFilter}:${depth}`, () => {
      const leaves: fc.WeightedArbitrary<Expr>[] = [
        { weight: 1, arbitrary: fc.boolean().map(boolLit) },
        { weight: 1, arbitrary: this.path(inFilter) },
        { weight: 1, arbitrary: this.inSegmentPlaceholder() },
      ];
      if (depth === 0) return fc.oneof(...leaves);
      const d = depth - 1;
      const operand = this.bool(inFilter, d);
      const operands = fc.array(operand, { minLength: 2, maxLength: 3 });
      const options: fc.WeightedArbitrary<Expr>[] = [
        ...leaves,
        { weight: 10, arbitrary: this.comparison(inFilter, depth) },
        // and/or come flattened from the parser, so nested ones are flattened here too.
        {
          weight: 2,
          arbitrary: operands.map((ops): Expr => ({ kind: "and", operands: flatten("and", ops), at: AT })),
        },
        {
          weight: 2,
          arbitrary: operands.map((ops): Expr => ({ kind: "or", operands: flatten("or", ops), at: AT })),
        },
        { weight: 2, arbitrary: operand.map((o): Expr => ({ kind: "not", operand: o, at: AT })) },
      ];
      if (!inFilter) {
        options.push(
          {
            weight: 3,
            arbitrary: this.filter(d).map((filter): Expr => ({ kind: "exists", filter, at: AT })),
          },
          {
            weight: 2,
            arbitrary: fc
              .tuple(
                fc.array(this.filter(d), { minLength: 2, maxLength: 3 }),
                fc.option(this.durationLiteral()),
              )
              .map(([steps, within]): Expr => ({ kind: "sequence", steps, within, at: AT })),
          },
        );
      }
      return fc.oneof(...options);
    });
  }
}

function boolLit(value: boolean): Expr {
  return { kind: "boolean", value, at: AT };
}

function flatten(kind: "and" | "or", operands: Expr[]): Expr[] {
  return operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
}

// ---------------------------------------------------------------------------------------------
// Segment sets

/** Rebuilds `e` with `f` applied to every sub-expression, innermost first. */
export function mapExpr(e: Expr, f: (e: Expr) => Expr): Expr {
  const m = (x: Expr) => mapExpr(x, f);
  const mOrNull = (x: Expr | null) => (x === null ? null : m(x));
  switch (e.kind) {
    case "number":
    case "string":
    case "boolean":
    case "now":
    case "date":
    case "duration":
    case "path":
    case "inSegment":
      return f(e);
    case "list":
      return f({ ...e, items: e.items.map(m) });
    case "and":
    case "or":
      return f({ ...e, operands: e.operands.map(m) });
    case "not":
    case "negate":
      return f({ ...e, operand: m(e.operand) } as Expr);
    case "compare":
    case "arith":
      return f({ ...e, left: m(e.left), right: m(e.right) } as Expr);
    case "in":
      return f({ ...e, value: m(e.value), list: { ...e.list, items: e.list.items.map(m) } });
    case "between":
      return f({ ...e, value: m(e.value), low: m(e.low), high: m(e.high) });
    case "contains":
    case "startsWith":
    case "endsWith":
      return f({ ...e, value: m(e.value), operand: m(e.operand) });
    case "isNull":
    case "withinLast":
      return f({ ...e, value: m(e.value) } as Expr);
    case "call":
      return f({ ...e, arg: m(e.arg) });
    case "exists":
    case "count":
    case "aggregate":
      return f({ ...e, filter: mOrNull(e.filter) } as Expr);
    case "sequence":
      return f({ ...e, steps: e.steps.map(mOrNull) });
  }
}

export interface GeneratedSegment {
  id: string;
  ast: SegmentAst;
}

/** Boolean roots of segment definitions at `nowMs`, before `inSegment` placeholders are resolved. */
export function rootArb(nowMs: number, depth = 3): fc.Arbitrary<Expr> {
  return new ExprArbs(nowMs).bool(false, depth);
}

/**
 * 1-4 segments with distinct ids. Segments are ranked by a random permutation and may refer
 * (`inSegment`) only to lower-ranked ones, so there is no cycle and forward references occur.
 * A placeholder with nothing to refer to becomes a boolean literal. `roots` draws the
 * definitions (time-arbitraries.ts has one that favours time).
 */
export function segmentSetArb(
  nowMs: number,
  depth = 3,
  roots: fc.Arbitrary<Expr> = rootArb(nowMs, depth),
): fc.Arbitrary<GeneratedSegment[]> {
  return fc
    .record({
      roots: fc.array(roots, { minLength: 1, maxLength: 4 }),
      ids: fc.shuffledSubarray([...SEGMENT_IDS], { minLength: 4, maxLength: 4 }),
      ranks: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
    })
    .map(({ roots, ids, ranks }) =>
      roots.map((root, i) => {
        const allowed = roots.map((_, j) => j).filter((j) => j !== i && ranks[j]! < ranks[i]!);
        const resolved = mapExpr(root, (e) => {
          if (e.kind !== "inSegment" || !e.segmentId.startsWith("#")) return e;
          const k = Number(e.segmentId.slice(1));
          if (allowed.length === 0) return boolLit(k % 2 === 0);
          return { ...e, segmentId: ids[allowed[k % allowed.length]!]! };
        });
        return { id: ids[i]!, ast: { astVersion: AST_VERSION, root: resolved } };
      }),
    );
}

/** One property-test case: a time, a segment set, and a few profiles to evaluate it on. */
export interface EvaluationCase {
  nowMs: number;
  segments: GeneratedSegment[];
  profiles: Profile[];
}

export function evaluationCaseArb(): fc.Arbitrary<EvaluationCase> {
  return fc.oneof(
    ...NOWS.map((nowMs) =>
      fc.record({
        nowMs: fc.constant(nowMs),
        segments: segmentSetArb(nowMs),
        profiles: fc.array(profileArb(nowMs), { minLength: 1, maxLength: 3 }),
      }),
    ),
  );
}
