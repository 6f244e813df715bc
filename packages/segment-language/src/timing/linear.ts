/**
 * Time values that move with `now` (docs/segment-language.md, "When a membership can change
 * with time alone"). `now`, and instant and duration arithmetic on it, is `slope·now + offset`:
 * `now - 3 days` is (1, −3 days), `now - timestamp` a duration (1, −timestamp),
 * `(now - a) + (now - b)` a duration of slope 2. Comparing two such values changes only where
 * their difference changes sign, which is one instant: that is how a comparison with `now`
 * becomes a breakpoint.
 *
 * All instants here are integer milliseconds: event timestamps, parsed strings and `Date`s are,
 * and so is `now` (the caller's). A moving value is only built when its offset is an integer
 * small enough for the evaluator's floating-point arithmetic to be exact; otherwise the
 * analysis gives up on that node and answers "may change 1 ms from now", which is always sound.
 */
import type { CompareOp } from "../ast.js";
import { parseInstant } from "../instant.js";
import { Duration, Instant, instantMs } from "../values.js";

/** Offsets and slopes within these bounds keep every value the evaluator computes exact. */
const MAX_OFFSET = 2 ** 50;
const MAX_SLOPE = 16;
const NEVER = Number.POSITIVE_INFINITY;

/** `slope·now + offset`, an instant or a duration; the slope is never 0. */
export class Moving {
  constructor(
    readonly slope: number,
    readonly offset: number,
    readonly isDuration: boolean,
  ) {}

  /** The value the evaluator computes at `nowMs`. */
  at(nowMs: number): Instant | Duration {
    const v = this.slope * nowMs + this.offset;
    return this.isDuration ? new Duration(v) : new Instant(v);
  }
}

/** A time term: a moving value, or a fixed instant or duration as slope 0. */
interface Term {
  slope: number;
  offset: number;
  isDuration: boolean;
}

const isTimeLike = (v: unknown): boolean =>
  v instanceof Moving || v instanceof Duration || v instanceof Instant || v instanceof Date;

/** `v` as a term, reading a string as an instant beside a time value (as arithmetic does). */
function term(v: unknown, other: unknown): Term | undefined {
  if (v instanceof Moving) return v;
  if (v instanceof Duration) return { slope: 0, offset: v.ms, isDuration: true };
  const ms = typeof v === "string" ? (isTimeLike(other) ? parseInstant(v) : undefined) : instantMs(v);
  return ms === undefined ? undefined : { slope: 0, offset: ms, isDuration: false };
}

/** What {@link movingArithmetic} found. */
export type MovingResult =
  /** The value (moving, or fixed when the slopes cancel), exact for every `now`. */
  | { exact: true; value: unknown }
  /** Too large or fractional to follow: the caller computes the value at `now` and gives up. */
  | { exact: false };

/**
 * `a op b` where at least one operand is {@link Moving}, by the rules of "Arithmetic": instant ±
 * duration and duration + instant are instants, instant − instant a duration, durations add and
 * subtract; any other combination is missing at every `now`.
 */
export function movingArithmetic(op: "+" | "-" | "*" | "/", a: unknown, b: unknown): MovingResult {
  if (a === undefined || b === undefined || op === "*" || op === "/")
    return { exact: true, value: undefined };
  const x = term(a, b);
  const y = term(b, a);
  if (x === undefined || y === undefined) return { exact: true, value: undefined };
  let isDuration: boolean;
  if (op === "+") {
    if (x.isDuration && y.isDuration) isDuration = true;
    else if (x.isDuration !== y.isDuration) isDuration = false;
    else return { exact: true, value: undefined };
  } else {
    if (x.isDuration && !y.isDuration) return { exact: true, value: undefined };
    isDuration = x.isDuration || !y.isDuration;
  }
  const sign = op === "+" ? 1 : -1;
  const slope = x.slope + sign * y.slope;
  const offset = x.offset + sign * y.offset;
  const exact = [x.offset, y.offset, offset].every((o) => Number.isInteger(o) && Math.abs(o) <= MAX_OFFSET);
  if (!exact || Math.abs(slope) > MAX_SLOPE) return { exact: false };
  if (slope === 0) return { exact: true, value: isDuration ? new Duration(offset) : new Instant(offset) };
  return { exact: true, value: new Moving(slope, offset, isDuration) };
}

/** `-v` for a moving duration; a moving instant has no negation (missing). */
export function negateMoving(v: Moving): Moving | undefined {
  return v.isDuration ? new Moving(-v.slope, -v.offset, true) : undefined;
}

/** Whether `v` and `w` compare as times: two instants (strings read as instants) or two durations. */
export function timeDifference(v: unknown, w: unknown): { slope: number; offset: number } | undefined {
  if (!(v instanceof Moving) && !(w instanceof Moving)) return undefined;
  const x = term(v, w);
  const y = term(w, v);
  if (x === undefined || y === undefined || x.isDuration !== y.isDuration) return undefined;
  return { slope: x.slope - y.slope, offset: x.offset - y.offset };
}

const exactInteger = (x: number): boolean => Number.isInteger(x) && Math.abs(x) <= MAX_OFFSET;

/** Whether `x op y` holds when `x − y` has the sign `sign`. */
function truth(op: CompareOp, sign: number): boolean {
  switch (op) {
    case "=":
      return sign === 0;
    case "!=":
      return sign !== 0;
    case "<":
      return sign < 0;
    case "<=":
      return sign <= 0;
    case ">":
      return sign > 0;
    case ">=":
      return sign >= 0;
  }
}

/**
 * The first integer instant after `nowMs` at which `x op y` may change, where `x − y` is
 * `slope·t + offset` (Infinity: never). The difference has one root: before it one sign, at it
 * (when it is an integer instant) zero, after it the other sign; `op` says which of these
 * changes the comparison (`>` changes 1 ms after the root, `>=` at it, `=` at it and 1 ms
 * later). Exact for integer offsets; a fractional offset (a fractional duration somewhere)
 * answers when the sign may change, up to 2 ms early, covering rounding.
 */
export function truthChange(op: CompareOp, slope: number, offset: number, nowMs: number): number {
  const exact = exactInteger(offset);
  if (slope === 0) return exact || Math.abs(offset) >= 1 ? NEVER : nowMs + 1;
  const root = -offset / slope;
  if (!exact) return root < nowMs - 1 ? NEVER : Math.max(nowMs + 1, Math.floor(root) - 1);
  if (root < nowMs) return NEVER;
  const after = truth(op, Math.sign(slope));
  if (root === nowMs) return after !== truth(op, 0) ? nowMs + 1 : NEVER;
  const before = truth(op, -Math.sign(slope));
  if (Number.isInteger(root) && truth(op, 0) !== before) return root;
  return after !== before ? Math.floor(root) + 1 : NEVER;
}

/**
 * The first integer instant after `nowMs` at which `floor((slope·t + offset) / unit)` may
 * differ from its value at `nowMs` (`daysSince` of a moving instant).
 */
export function floorStep(slope: number, offset: number, unit: number, nowMs: number): number {
  if (slope === 0) return exactInteger(offset) ? NEVER : nowMs + 1;
  const v = Math.floor((slope * nowMs + offset) / unit);
  // Rising: the next multiple of `unit` is reached; falling: the current one is left.
  const root = ((slope > 0 ? v + 1 : v) * unit - offset) / slope;
  if (!exactInteger(offset)) return Math.max(nowMs + 1, Math.floor(root) - 1);
  return Math.max(nowMs + 1, slope > 0 ? Math.ceil(root) : Math.floor(root) + 1);
}

/**
 * The first integer instant that is not before `at`, a fixed instant at which a value is known
 * to change (2 ms earlier for a fractional one); at least `nowMs + 1`.
 */
export function atOrAfter(at: number, nowMs: number): number {
  if (Number.isNaN(at)) return nowMs + 1;
  const t = exactInteger(at) ? at : Math.floor(at) - 1;
  return Math.max(nowMs + 1, t);
}
