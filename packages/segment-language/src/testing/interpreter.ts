/**
 * Reference interpreter: the test oracle for the compiled evaluator (property.test.ts).
 *
 * It walks the AST directly and recomputes everything each time (events are re-scanned for
 * every aggregate; only `inSegment` results are memoised), so that each function can be read
 * line by line against docs/segment-language.md ("What a path reads" and the sections after it). It shares
 * nothing with the compiler on purpose: a mistake would have to be made twice to go unnoticed.
 * Speed does not matter here. Missing (absent or null) is `undefined`.
 */
import type { AggregateExpr, CallExpr, CompareOp, Expr, PathExpr, SegmentAst, SequenceExpr } from "../ast.js";
import { addCalendarYears, parseInstant } from "../instant.js";
import type { Profile } from "../profile.js";
import { Duration, Instant } from "../values.js";

const DAY_MS = 86_400_000;

/** An event that exists for this evaluation: valid timestamp, not later than now. */
interface LiveEvent {
  /** A string, or undefined (a non-string type is missing). */
  type: string | undefined;
  timestampMs: number;
  /** The event's properties; not an object reads as `{}`. */
  properties: Record<string, unknown>;
}

interface Scope {
  profile: Profile;
  nowMs: number;
  /** The event being filtered or aggregated over; undefined outside event filters. */
  event: LiveEvent | undefined;
  /** Membership in another segment of the same run (memoised by `interpret`). */
  inSegment: (id: string) => boolean;
}

/**
 * Membership of `profile` in each segment at `nowMs`, aligned with `segments`. Assumes the set
 * passed the checker: no cycles, every `inSegment` id present.
 */
export function interpret(
  segments: { id: string; ast: SegmentAst }[],
  profile: Profile,
  nowMs: number,
): boolean[] {
  const byId = new Map(segments.map((s) => [s.id, s.ast]));
  const memo = new Map<string, boolean>();
  const inSegment = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const ast = byId.get(id);
    if (ast === undefined) throw new Error(`interpret: unknown segment ${JSON.stringify(id)}`);
    const result = isTrue(evaluate(ast.root, { profile, nowMs, event: undefined, inSegment }));
    memo.set(id, result);
    return result;
  };
  return segments.map((s) => inSegment(s.id));
}

// ---------------------------------------------------------------------------------------------
// Value classification

type Kind = "missing" | "number" | "string" | "boolean" | "instant" | "duration" | "array" | "object";

/**
 * The type of a run-time value. A `Date` from storage is an instant; null is missing. An invalid
 * `Date` (storage cannot produce one) is treated as missing; the generators only put one in an
 * event's timestamp, where it hides the event either way.
 */
function kindOf(v: unknown): Kind {
  if (v === undefined || v === null) return "missing";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (v instanceof Instant) return "instant";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "missing" : "instant";
  if (v instanceof Duration) return "duration";
  if (Array.isArray(v)) return "array";
  return "object";
}

function isMissing(v: unknown): boolean {
  return kindOf(v) === "missing";
}

/** A boolean position holds only for the boolean `true` (two-valued logic). */
function isTrue(v: unknown): boolean {
  return v === true;
}

/** Epoch ms of an `Instant` or a `Date`. */
function instantMs(v: unknown): number {
  if (v instanceof Instant) return v.ms;
  if (v instanceof Date) return v.getTime();
  throw new Error("interpret: not an instant");
}

/** An instant, or a string parsed as one (where the spec says so); undefined otherwise. */
function asInstantMs(v: unknown): number | undefined {
  const kind = kindOf(v);
  if (kind === "instant") return instantMs(v);
  if (kind === "string") return parseInstant(v as string);
  return undefined;
}

/** Unicode code points of a string (not UTF-16 units). */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Compares two strings by Unicode code point: negative, zero or positive. */
function compareStrings(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

/** Whether `needle` occurs in `hay` as a run of code points. */
function codePointSearch(hay: string, needle: string, where: "anywhere" | "start" | "end"): boolean {
  const h = codePoints(hay);
  const n = codePoints(needle);
  const matchesAt = (i: number): boolean => n.every((c, k) => h[i + k] === c);
  if (n.length > h.length) return false;
  if (where === "start") return matchesAt(0);
  if (where === "end") return matchesAt(h.length - n.length);
  for (let i = 0; i + n.length <= h.length; i++) if (matchesAt(i)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Plain objects only: not arrays, instants, durations or dates. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return kindOf(v) === "object";
}

/**
 * One step of a path. On an object, its key (absent or null is missing). On an array, MongoDB's
 * dot notation: collect the key from every element that is an object having it (skipping null
 * values), flattening array values one level; an empty collection is missing.
 */
function stepInto(v: unknown, key: string): unknown {
  if (isMissing(v)) return undefined;
  if (Array.isArray(v)) {
    const collected: unknown[] = [];
    for (const element of v) {
      if (!isPlainObject(element) || !Object.hasOwn(element, key)) continue;
      const x = element[key];
      if (isMissing(x)) continue;
      if (Array.isArray(x)) collected.push(...x);
      else collected.push(x);
    }
    return collected.length === 0 ? undefined : collected;
  }
  if (isPlainObject(v)) return Object.hasOwn(v, key) ? v[key] : undefined;
  return undefined;
}

function readPath(path: PathExpr, scope: Scope): unknown {
  let value: unknown;
  switch (path.root) {
    case "id":
      value = scope.profile.id;
      break;
    case "attributes":
      value = scope.profile.attributes;
      break;
    case "scores":
      value = scope.profile.scores;
      break;
    case "type":
      value = needEvent(scope).type;
      break;
    case "timestamp":
      value = new Instant(needEvent(scope).timestampMs);
      break;
    case "properties":
      value = needEvent(scope).properties;
      break;
  }
  for (const key of path.keys) value = stepInto(value, key);
  return isMissing(value) ? undefined : value;
}

function needEvent(scope: Scope): LiveEvent {
  if (scope.event === undefined) throw new Error("interpret: event path outside an event filter");
  return scope.event;
}

// ---------------------------------------------------------------------------------------------
// Events

/**
 * The events that exist at `now`, in stored order: a timestamp that is a strictly parsed
 * string or a valid `Date`, not later than now. Anything else hides the event.
 */
function liveEvents(profile: Profile, nowMs: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  const events = Array.isArray(profile.events) ? profile.events : [];
  for (const event of events) {
    if (!isPlainObject(event)) continue;
    const ts = event.timestamp;
    let ms: number | undefined;
    if (typeof ts === "string") ms = parseInstant(ts);
    else if (ts instanceof Date && !Number.isNaN(ts.getTime())) ms = ts.getTime();
    if (ms === undefined || ms > nowMs) continue;
    out.push({
      type: typeof event.type === "string" ? event.type : undefined,
      timestampMs: ms,
      properties: isPlainObject(event.properties) ? event.properties : {},
    });
  }
  return out;
}

/** Events that exist and satisfy `filter` (all existing events for a null filter). */
function matchingEvents(filter: Expr | null, scope: Scope): LiveEvent[] {
  return liveEvents(scope.profile, scope.nowMs).filter(
    (event) => filter === null || isTrue(evaluate(filter, { ...scope, event })),
  );
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/**
 * `l op r` for two single values, without the array rule. Undefined when either is missing,
 * including a string that does not parse where it meets an instant. No coercion otherwise.
 */
function comparePair(op: CompareOp, l: unknown, r: unknown): boolean | undefined {
  let a = l;
  let b = r;
  if (isMissing(a) || isMissing(b)) return undefined;
  // A string compared with an instant is parsed as one; unparseable counts as missing.
  if (kindOf(a) === "string" && kindOf(b) === "instant") {
    const ms = parseInstant(a as string);
    if (ms === undefined) return undefined;
    a = new Instant(ms);
  } else if (kindOf(a) === "instant" && kindOf(b) === "string") {
    const ms = parseInstant(b as string);
    if (ms === undefined) return undefined;
    b = new Instant(ms);
  }
  const ka = kindOf(a);
  const kb = kindOf(b);
  // Objects, arrays and lists equal nothing and are ordered with nothing; other types differ.
  const comparable = ka === kb && ka !== "array" && ka !== "object";
  if (!comparable) return op === "!=";
  switch (ka) {
    case "number":
      // Plain IEEE comparison (a NaN from Infinity - Infinity is unequal and unordered).
      return compareNumbers(op, a as number, b as number);
    case "string":
      return holdsForOrder(op, compareStrings(a as string, b as string));
    case "boolean":
      // Booleans only with = and !=.
      if (op === "=") return a === b;
      if (op === "!=") return a !== b;
      return false;
    case "instant":
      return compareNumbers(op, instantMs(a), instantMs(b));
    case "duration":
      return compareNumbers(op, (a as Duration).ms, (b as Duration).ms);
    default:
      return undefined;
  }
}

function compareNumbers(op: CompareOp, x: number, y: number): boolean {
  switch (op) {
    case "=":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
  }
}

/** Whether `op` holds between two values whose order (negative, zero, positive) is `order`. */
function holdsForOrder(op: CompareOp, order: number): boolean {
  return compareNumbers(op, order, 0);
}

/**
 * Applies a form to a left operand: on an array, a positive form holds when it holds for some
 * element and a negative form when the positive one holds for no element; otherwise the form
 * on the value itself (negative = not positive, the value being present).
 */
function overLeft(left: unknown, negated: boolean, positive: (single: unknown) => boolean): boolean {
  if (isMissing(left)) return false;
  if (Array.isArray(left)) {
    const some = left.some((element) => positive(element));
    return negated ? !some : some;
  }
  return negated ? !positive(left) : positive(left);
}

function compareForm(op: CompareOp, left: unknown, right: unknown): boolean {
  if (isMissing(left) || isMissing(right)) return false;
  if (Array.isArray(left)) {
    if (op === "!=") return overLeft(left, true, (e) => comparePair("=", e, right) === true);
    return overLeft(left, false, (e) => comparePair(op, e, right) === true);
  }
  // On a single value `!=` is its own test: false when either side counts as missing.
  return comparePair(op, left, right) === true;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic and functions

function arithmetic(op: "+" | "-" | "*" | "/", l: unknown, r: unknown): unknown {
  if (isMissing(l) || isMissing(r)) return undefined;
  if (kindOf(l) === "number" && kindOf(r) === "number") {
    const a = l as number;
    const b = r as number;
    if (op === "+") return a + b;
    if (op === "-") return a - b;
    if (op === "*") return a * b;
    return b === 0 ? undefined : a / b;
  }
  if (op === "*" || op === "/") return undefined;
  // A string used in + or - with an instant or a duration is parsed as an instant.
  let a = l;
  let b = r;
  const timeLike = (v: unknown) => kindOf(v) === "instant" || kindOf(v) === "duration";
  if (kindOf(a) === "string" && timeLike(b)) {
    const ms = parseInstant(a as string);
    if (ms === undefined) return undefined;
    a = new Instant(ms);
  } else if (kindOf(b) === "string" && timeLike(a)) {
    const ms = parseInstant(b as string);
    if (ms === undefined) return undefined;
    b = new Instant(ms);
  }
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (op === "+") {
    if (ka === "instant" && kb === "duration") return new Instant(instantMs(a) + (b as Duration).ms);
    if (ka === "duration" && kb === "instant") return new Instant((a as Duration).ms + instantMs(b));
    if (ka === "duration" && kb === "duration") return new Duration((a as Duration).ms + (b as Duration).ms);
    return undefined;
  }
  if (ka === "instant" && kb === "duration") return new Instant(instantMs(a) - (b as Duration).ms);
  if (ka === "instant" && kb === "instant") return new Duration(instantMs(a) - instantMs(b));
  if (ka === "duration" && kb === "duration") return new Duration((a as Duration).ms - (b as Duration).ms);
  return undefined;
}

function negate(v: unknown): unknown {
  if (kindOf(v) === "number") return -(v as number);
  if (kindOf(v) === "duration") return new Duration(-(v as Duration).ms);
  return undefined;
}

/** The largest n such that `fromMs` plus n calendar years is not after `nowMs`. */
function yearsSince(fromMs: number, nowMs: number): number {
  let n = new Date(nowMs).getUTCFullYear() - new Date(fromMs).getUTCFullYear();
  while (addCalendarYears(fromMs, n) > nowMs) n--;
  while (addCalendarYears(fromMs, n + 1) <= nowMs) n++;
  return n;
}

function callFunction(e: CallExpr, arg: unknown, nowMs: number): unknown {
  const kind = kindOf(arg);
  switch (e.fn) {
    case "lower":
      return kind === "string" ? (arg as string).toLowerCase() : undefined;
    case "upper":
      return kind === "string" ? (arg as string).toUpperCase() : undefined;
    case "length":
      if (kind === "string") return codePoints(arg as string).length;
      if (kind === "array") return (arg as unknown[]).length;
      return undefined;
    case "abs":
      return kind === "number" ? Math.abs(arg as number) : undefined;
    case "daysSince": {
      const ms = asInstantMs(arg);
      return ms === undefined ? undefined : Math.floor((nowMs - ms) / DAY_MS);
    }
    case "yearsSince": {
      const ms = asInstantMs(arg);
      return ms === undefined ? undefined : yearsSince(ms, nowMs);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Aggregates and sequences

function aggregate(e: AggregateExpr, scope: Scope): unknown {
  // Qualifying values in stored order: numbers; for min/max also instants (Instant or Date).
  const values: unknown[] = [];
  for (const event of matchingEvents(e.filter, scope)) {
    const v = readPath(e.path, { ...scope, event });
    const kind = kindOf(v);
    if (kind === "number" || ((e.fn === "min" || e.fn === "max") && kind === "instant")) values.push(v);
  }
  if (e.fn === "sum" || e.fn === "avg") {
    let sum = 0;
    for (const v of values) sum += v as number;
    if (e.fn === "sum") return sum;
    return values.length === 0 ? undefined : sum / values.length;
  }
  if (values.length === 0) return undefined;
  // Numbers and instants never mix: the type of the first qualifying value wins.
  const firstKind = kindOf(values[0]);
  const sameKind = values.filter((v) => kindOf(v) === firstKind);
  const key = (v: unknown): number => (firstKind === "number" ? (v as number) : instantMs(v));
  let best = sameKind[0];
  for (const v of sameKind) {
    if (e.fn === "min" ? key(v) < key(best) : key(v) > key(best)) best = v;
  }
  return firstKind === "number" ? best : new Instant(instantMs(best));
}

/**
 * Some choice of events, one per step in order, each satisfying its step, with strictly
 * increasing timestamps and (with `within`) last minus first at most the duration.
 */
function sequenceHolds(e: SequenceExpr, scope: Scope): boolean {
  // Which events satisfy each step (filters are pure, so computing this once is the same).
  const candidates = e.steps.map((step) => matchingEvents(step, scope));
  const choose = (i: number, firstMs: number, lastMs: number): boolean => {
    if (i === candidates.length) return e.within === null || lastMs - firstMs <= e.within.ms;
    return candidates[i]!.some(
      (event) =>
        (i === 0 || event.timestampMs > lastMs) &&
        choose(i + 1, i === 0 ? event.timestampMs : firstMs, event.timestampMs),
    );
  };
  return choose(0, 0, 0);
}

// ---------------------------------------------------------------------------------------------
// Expressions

function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.kind) {
    case "number":
    case "string":
    case "boolean":
      return e.value;
    case "now":
      return new Instant(scope.nowMs);
    case "date":
      return new Instant(e.epochMs);
    case "duration":
      return new Duration(e.ms);
    case "list":
      return e.items.map((item) => evaluate(item, scope));
    case "path":
      return readPath(e, scope);
    case "and":
      return e.operands.every((o) => isTrue(evaluate(o, scope)));
    case "or":
      return e.operands.some((o) => isTrue(evaluate(o, scope)));
    case "not":
      return !isTrue(evaluate(e.operand, scope));
    case "compare":
      return compareForm(e.op, evaluate(e.left, scope), evaluate(e.right, scope));
    case "in": {
      const value = evaluate(e.value, scope);
      // Missing list elements match nothing.
      const items = e.list.items.map((item) => evaluate(item, scope)).filter((v) => !isMissing(v));
      return overLeft(value, e.negated, (single) =>
        items.some((item) => comparePair("=", single, item) === true),
      );
    }
    case "between": {
      const value = evaluate(e.value, scope);
      const low = evaluate(e.low, scope);
      const high = evaluate(e.high, scope);
      if (isMissing(low) || isMissing(high)) return false;
      return overLeft(
        value,
        e.negated,
        (single) => comparePair(">=", single, low) === true && comparePair("<=", single, high) === true,
      );
    }
    case "contains": {
      const value = evaluate(e.value, scope);
      const operand = evaluate(e.operand, scope);
      if (isMissing(value) || isMissing(operand)) return false;
      // On an array: element equality. On a string: substring, with a string operand only.
      if (Array.isArray(value)) return value.some((element) => comparePair("=", element, operand) === true);
      if (typeof value === "string" && typeof operand === "string") {
        return codePointSearch(value, operand, "anywhere");
      }
      return false;
    }
    case "startsWith":
    case "endsWith": {
      const value = evaluate(e.value, scope);
      const operand = evaluate(e.operand, scope);
      if (isMissing(operand)) return false;
      const where = e.kind === "startsWith" ? "start" : "end";
      return overLeft(
        value,
        false,
        (single) =>
          typeof single === "string" &&
          typeof operand === "string" &&
          codePointSearch(single, operand, where),
      );
    }
    case "isNull": {
      const missing = isMissing(evaluate(e.value, scope));
      return e.negated ? !missing : missing;
    }
    case "withinLast": {
      // x within last d  ==  x > now - d and x <= now
      const value = evaluate(e.value, scope);
      const from = new Instant(scope.nowMs - e.duration.ms);
      const now = new Instant(scope.nowMs);
      return overLeft(
        value,
        false,
        (single) => comparePair(">", single, from) === true && comparePair("<=", single, now) === true,
      );
    }
    case "arith":
      return arithmetic(e.op, evaluate(e.left, scope), evaluate(e.right, scope));
    case "negate":
      return negate(evaluate(e.operand, scope));
    case "call":
      return callFunction(e, evaluate(e.arg, scope), scope.nowMs);
    case "exists":
      return matchingEvents(e.filter, scope).length >= 1;
    case "count":
      return matchingEvents(e.filter, scope).length;
    case "aggregate":
      return aggregate(e, scope);
    case "sequence":
      return sequenceHolds(e, scope);
    case "inSegment":
      return scope.inSegment(e.segmentId);
  }
}
