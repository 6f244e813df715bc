/**
 * fast-check arbitraries that favour time: definitions built mostly from the forms whose value
 * changes with `now` (comparisons and arithmetic with `now`, `within last`, `daysSince`,
 * `yearsSince`, event sets over windows), and profiles whose attributes and events hold
 * instants on both sides of `now`. The general arbitraries (arbitraries.ts) cover every form;
 * these make a property about time (timing/next-change.property.test.ts) meet time often.
 */
import fc from "fast-check";
import {
  type ArithOp,
  type CompareOp,
  type DurationUnit,
  type Expr,
  type PathExpr,
  type PathRoot,
  UNIT_MS,
} from "../ast.js";
import { addCalendarYears, parseInstant } from "../instant.js";
import type { Profile, ProfileEvent } from "../profile.js";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const AT = { line: 1, column: 1 };

// biome-ignore format: a pool reads better packed
const OFFSETS = [
  0, 1, -1, MINUTE, -MINUTE, HOUR, -HOUR, -DAY, DAY, -DAY - 1, -DAY + 1, -2 * DAY, 3 * DAY, -7 * DAY,
  7 * DAY + 1, -30 * DAY, 30 * DAY, -90 * DAY, -365 * DAY,
];

/** Instants around `now`, and birthdays around an 18th one and on 29 February. */
function instantsNear(nowMs: number): number[] {
  const adult = addCalendarYears(nowMs, -18);
  // biome-ignore format: a pool reads better packed
  return [
    ...OFFSETS.map((o) => nowMs + o), adult, adult + DAY, adult - 1,
    Date.UTC(2008, 1, 29), Date.UTC(2004, 1, 29, 6), Date.UTC(2000, 2, 1),
  ];
}

/** ISO text, date-only text, and text with an offset, of the same instant (or its day). */
function textsOf(ms: number): string[] {
  const iso = new Date(ms).toISOString();
  const shifted = new Date(ms + 2 * HOUR).toISOString().slice(0, 19);
  return [iso, iso.slice(0, 10), `${shifted}+02:00`];
}

const path = (root: PathRoot, keys: string[]): PathExpr => ({
  kind: "path",
  root,
  keys,
  source: keys.length ? keys : [root],
  at: AT,
});
const num = (value: number): Expr =>
  value < 0
    ? { kind: "negate", operand: { kind: "number", value: -value, at: AT }, at: AT }
    : { kind: "number", value, at: AT };
const arith = (op: ArithOp, left: Expr, right: Expr): Expr => ({ kind: "arith", op, left, right, at: AT });
const compare = (op: CompareOp, left: Expr, right: Expr): Expr => ({
  kind: "compare",
  op,
  left,
  right,
  at: AT,
});
const OPS: CompareOp[] = ["=", "!=", "<", "<=", ">", ">="];
const EVENT_TYPES = ["view", "cart", "purchase"] as const;

/** Expression arbitraries by (what, inside a filter, depth), memoised like arbitraries.ts's. */
class TimeArbs {
  private readonly cache = new Map<string, fc.Arbitrary<Expr>>();
  private readonly texts: string[];

  constructor(nowMs: number) {
    this.texts = instantsNear(nowMs).flatMap(textsOf);
  }

  private memo(key: string, build: () => fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
    let arb = this.cache.get(key);
    if (!arb) {
      arb = build();
      this.cache.set(key, arb);
    }
    return arb;
  }

  private durationLiteral(): fc.Arbitrary<Expr> {
    return fc
      .tuple(
        fc.constantFrom(0, 1, 2, 3, 7, 18, 30, 90, 365, 0.5, 1.5),
        fc.constantFrom<DurationUnit>("minute", "hour", "day", "week"),
      )
      .map(
        ([amount, unit]): Expr => ({ kind: "duration", amount, unit, ms: amount * UNIT_MS[unit], at: AT }),
      );
  }

  private instant(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`instant:${inFilter}:${depth}`, () => {
      const options: fc.WeightedArbitrary<Expr>[] = [
        { weight: 4, arbitrary: fc.constant<Expr>({ kind: "now", at: AT }) },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom(...this.texts)
            .map((text): Expr => ({ kind: "date", text, epochMs: parseInstant(text)!, at: AT })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...this.texts).map((value): Expr => ({ kind: "string", value, at: AT })),
        },
        inFilter
          ? { weight: 5, arbitrary: fc.constantFrom(path("timestamp", []), path("properties", ["when"])) }
          : {
              weight: 3,
              arbitrary: fc.constantFrom(path("attributes", ["when"]), path("attributes", ["dates"])),
            },
      ];
      if (depth > 0) {
        const inst = this.instant(inFilter, depth - 1);
        const dur = this.duration(inFilter, depth - 1);
        options.push(
          {
            weight: 3,
            arbitrary: fc
              .tuple(fc.constantFrom<ArithOp>("+", "-"), inst, dur)
              .map(([op, l, r]) => arith(op, l, r)),
          },
          { weight: 1, arbitrary: fc.tuple(dur, inst).map(([l, r]) => arith("+", l, r)) },
        );
        if (!inFilter) {
          options.push({
            weight: 2,
            arbitrary: fc.tuple(fc.constantFrom("min" as const, "max" as const), this.filter(depth - 1)).map(
              ([fn, filter]): Expr => ({
                kind: "aggregate",
                fn,
                path: path("timestamp", []),
                filter,
                at: AT,
              }),
            ),
          });
        }
      }
      return fc.oneof(...options);
    });
  }

  private duration(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`duration:${inFilter}:${depth}`, () => {
      if (depth === 0) return this.durationLiteral();
      const inst = this.instant(inFilter, depth - 1);
      const dur = this.duration(inFilter, depth - 1);
      return fc.oneof(
        { weight: 3, arbitrary: this.durationLiteral() },
        { weight: 3, arbitrary: fc.tuple(inst, inst).map(([l, r]) => arith("-", l, r)) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom<ArithOp>("+", "-"), dur, dur)
            .map(([op, l, r]) => arith(op, l, r)),
        },
        { weight: 1, arbitrary: dur.map((operand): Expr => ({ kind: "negate", operand, at: AT })) },
      );
    });
  }

  /** Numbers that move with time, and small bounds to compare them with. */
  private number(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`number:${inFilter}:${depth}`, () => {
      const inst = this.instant(inFilter, Math.max(0, depth - 1));
      const options: fc.WeightedArbitrary<Expr>[] = [
        { weight: 3, arbitrary: fc.constantFrom(-1, 0, 1, 2, 3, 7, 17, 18, 30, 60, 1.5).map(num) },
        {
          weight: 4,
          arbitrary: fc
            .tuple(fc.constantFrom("daysSince" as const, "yearsSince" as const), inst)
            .map(([fn, arg]): Expr => ({ kind: "call", fn, arg, at: AT })),
        },
      ];
      if (!inFilter) {
        options.push({
          weight: 3,
          arbitrary: this.filter(depth).map((filter): Expr => ({ kind: "count", filter, at: AT })),
        });
      }
      if (depth > 0) {
        const n = this.number(inFilter, depth - 1);
        options.push({
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom<ArithOp>("+", "-", "*"), n, n)
            .map(([op, l, r]) => arith(op, l, r)),
        });
      }
      return fc.oneof(...options);
    });
  }

  cond(inFilter: boolean, depth: number): fc.Arbitrary<Expr> {
    return this.memo(`cond:${inFilter}:${depth}`, () => {
      const d = Math.max(0, depth - 1);
      const inst = this.instant(inFilter, d);
      const dur = this.duration(inFilter, d);
      const n = this.number(inFilter, d);
      const op = fc.constantFrom(...OPS);
      const options: fc.WeightedArbitrary<Expr>[] = [
        { weight: 4, arbitrary: fc.tuple(op, inst, inst).map(([o, l, r]) => compare(o, l, r)) },
        { weight: 2, arbitrary: fc.tuple(op, dur, dur).map(([o, l, r]) => compare(o, l, r)) },
        { weight: 4, arbitrary: fc.tuple(op, n, n).map(([o, l, r]) => compare(o, l, r)) },
        {
          weight: 3,
          arbitrary: fc.tuple(inst, this.durationLiteral()).map(
            ([value, duration]): Expr => ({
              kind: "withinLast",
              value,
              duration: duration as Expr & { kind: "duration" },
              at: AT,
            }),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.boolean(), inst, inst, inst)
            .map(
              ([negated, value, low, high]): Expr => ({ kind: "between", negated, value, low, high, at: AT }),
            ),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.boolean(), inst, fc.array(inst, { maxLength: 3 })).map(
            ([negated, value, items]): Expr => ({
              kind: "in",
              negated,
              value,
              list: { kind: "list", items, at: AT },
              at: AT,
            }),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 0, max: 3 })
            .map((k): Expr => ({ kind: "inSegment", segmentId: `#${k}`, at: AT })),
        },
        inFilter
          ? {
              weight: 3,
              arbitrary: fc
                .constantFrom(...EVENT_TYPES)
                .map((t) => compare("=", path("type", []), { kind: "string", value: t, at: AT })),
            }
          : {
              weight: 1,
              arbitrary: fc.constantFrom(0, 5).map((k) => compare(">", path("attributes", ["n"]), num(k))),
            },
      ];
      if (!inFilter) {
        const f = this.filter(d);
        options.push(
          {
            // Counts and sums of events against small bounds: windows open and close under them.
            weight: 3,
            arbitrary: fc
              .tuple(op, f, fc.boolean(), fc.constantFrom(0, 1, 2, 3, 1.5, 6))
              .map(([o, filter, isSum, k]): Expr => {
                const left: Expr = isSum
                  ? { kind: "aggregate", fn: "sum", path: path("properties", ["n"]), filter, at: AT }
                  : { kind: "count", filter, at: AT };
                return compare(o, left, num(k));
              }),
          },
          { weight: 3, arbitrary: f.map((filter): Expr => ({ kind: "exists", filter, at: AT })) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(
                fc.array(f, { minLength: 2, maxLength: 3 }),
                fc.option(this.durationLiteral(), { nil: null }),
              )
              .map(
                ([steps, within]): Expr => ({
                  kind: "sequence",
                  steps,
                  within: within as (Expr & { kind: "duration" }) | null,
                  at: AT,
                }),
              ),
          },
        );
      }
      if (depth > 0) {
        const c = this.cond(inFilter, depth - 1);
        const operands = fc.array(c, { minLength: 2, maxLength: 3 });
        options.push(
          {
            weight: 4,
            arbitrary: operands.map((ops): Expr => ({ kind: "and", operands: flatten("and", ops), at: AT })),
          },
          {
            weight: 3,
            arbitrary: operands.map((ops): Expr => ({ kind: "or", operands: flatten("or", ops), at: AT })),
          },
          { weight: 1, arbitrary: c.map((operand): Expr => ({ kind: "not", operand, at: AT })) },
        );
      }
      return fc.oneof(...options);
    });
  }

  /** `events`, or `events where F`: F a window, a type and a window, or any condition at most 2 deep. */
  private filter(depth: number): fc.Arbitrary<Expr | null> {
    const window = fc
      .tuple(fc.constantFrom(path("timestamp", []), path("properties", ["when"])), this.durationLiteral())
      .map(
        ([value, duration]): Expr => ({
          kind: "withinLast",
          value,
          duration: duration as Expr & { kind: "duration" },
          at: AT,
        }),
      );
    const typed = fc.tuple(fc.constantFrom(...EVENT_TYPES), window).map(
      ([t, w]): Expr => ({
        kind: "and",
        operands: [compare("=", path("type", []), { kind: "string", value: t, at: AT }), w],
        at: AT,
      }),
    );
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: window },
      { weight: 2, arbitrary: typed },
      { weight: 3, arbitrary: this.cond(true, Math.min(depth, 2)) },
    );
  }
}

function flatten(kind: "and" | "or", operands: Expr[]): Expr[] {
  return operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
}

/** Definition roots at `nowMs` that favour time (inSegment placeholders as in `segmentSetArb`). */
export function timeRootArb(nowMs: number, depth = 3): fc.Arbitrary<Expr> {
  return new TimeArbs(nowMs).cond(false, depth);
}

/** An instant as stored: ISO text, another accepted text, or a BSON date. */
function storedInstant(nowMs: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...instantsNear(nowMs).flatMap(textsOf)) },
    { weight: 2, arbitrary: fc.constantFrom(...instantsNear(nowMs)).map((ms) => new Date(ms)) },
    {
      weight: 2,
      arbitrary: fc.integer({ min: -60 * DAY, max: 60 * DAY }).map((o) => new Date(nowMs + o).toISOString()),
    },
    { weight: 1, arbitrary: fc.constantFrom("nonsense", 5, null) },
  );
}

/** A profile whose attributes (`when`, `dates`, `n`) and events hold instants around `nowMs`. */
export function timeProfileArb(nowMs: number): fc.Arbitrary<Profile> {
  const instant = storedInstant(nowMs);
  const event: fc.Arbitrary<ProfileEvent> = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    timestamp: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...OFFSETS).map((o) => new Date(nowMs + o).toISOString()) },
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: -45 * DAY, max: 45 * DAY })
          .map((o) => new Date(nowMs + o).toISOString()),
      },
      { weight: 1, arbitrary: fc.constantFrom(...OFFSETS).map((o) => new Date(nowMs + o)) },
    ),
    properties: fc.record({ when: instant, n: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: [] }),
  });
  return fc.record({
    id: fc.constant("p-time"),
    attributes: fc.record(
      { when: instant, dates: fc.array(instant, { maxLength: 3 }), n: fc.integer({ min: 0, max: 10 }) },
      { requiredKeys: [] },
    ),
    events: fc.array(event, { maxLength: 12 }),
  });
}
