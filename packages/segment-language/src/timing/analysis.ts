/**
 * The time analysis of one profile at one `now` (the method is in next-change.ts). It evaluates
 * the definitions as the evaluator does, with the same value rules (semantics/, the compiler's
 * predicates), and for every node also computes its *horizon*: an instant after `now` before
 * which the node's value cannot change (for a {@link Moving} value: cannot stop being its
 * formula). A node's horizon is the least of its operands', tightened where the node's meaning
 * allows it (`and`, `or`, comparisons with bounds, `exists`, `sequence`).
 */
import type { CompareOp, Expr, FunctionName, PathExpr, SegmentAst, SequenceExpr } from "../ast.js";
import { requiredTypes } from "../compiler/event-plan.js";
import { anyValue, containsValue } from "../compiler/predicates.js";
import { sequenceHolds } from "../compiler/sequence.js";
import { parseInstant } from "../instant.js";
import type { Profile } from "../profile.js";
import { arithmetic, callFunction, negate } from "../semantics/arith.js";
import { readKeys } from "../semantics/paths.js";
import { Duration, Instant, instantMs } from "../values.js";
import { atOrAfter, floorStep, Moving, movingArithmetic, negateMoving } from "./linear.js";
import { atNow, holdsNow, Junction, type Outlook, pairOutlook } from "./outlook.js";
import { aggregateOf, type Matches, ProfileEvents } from "./profile-events.js";
import { Clock, Count, compareThreshold, mirrored, type Threshold } from "./thresholds.js";

const NEVER = Number.POSITIVE_INFINITY;
const DAY_MS = 86_400_000;
const NOW = new Moving(1, 0, false);

const isThreshold = (v: unknown): v is Threshold => v instanceof Clock || v instanceof Count;

/** A threshold as the number it is now; anything else as it is. */
const plain = (v: unknown): unknown => (typeof v === "object" && v !== null && isThreshold(v) ? v.value : v);

/** `type` and `timestamp` of the event a filter looks at (the evaluator's fast paths too). */
const isEventField = (e: Expr, root: "type" | "timestamp"): boolean =>
  e.kind === "path" && e.root === root && e.keys.length === 0;

const elements = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : [v]);
/** The elements a comparison looks at: missing ones are skipped. */
const present = (vs: readonly unknown[]): unknown[] => vs.filter((v) => v !== undefined && v !== null);

export class TimeAnalysis {
  /** The horizon of the node evaluated last. */
  private h = NEVER;
  /** The event a filter is looking at. */
  private event = -1;
  private readonly events: ProfileEvents;
  private readonly outlooks = new Map<string, Outlook>();
  private readonly matchMemo = new Map<Expr | null, Matches>();

  constructor(
    private readonly asts: ReadonlyMap<string, SegmentAst>,
    private readonly profile: Profile,
    private readonly nowMs: number,
  ) {
    this.events = new ProfileEvents(profile);
  }

  segment(id: string): Outlook {
    const known = this.outlooks.get(id);
    if (known) return known;
    const ast = this.asts.get(id);
    if (ast === undefined) throw new RangeError(`unknown segment ${JSON.stringify(id)}`);
    const saved = this.event;
    this.event = -1;
    const holds = this.cond(ast.root);
    const outlook = { holds, until: this.h };
    this.event = saved;
    this.outlooks.set(id, outlook);
    return outlook;
  }

  private cond(e: Expr): boolean {
    return this.value(e) === true;
  }

  /** The value of `e` now; sets {@link h} to its horizon. */
  private value(e: Expr): unknown {
    switch (e.kind) {
      case "number":
      case "string":
      case "boolean":
        this.h = NEVER;
        return e.value;
      case "now":
        this.h = NEVER;
        return NOW;
      case "date":
        this.h = NEVER;
        return new Instant(e.epochMs);
      case "duration":
        this.h = NEVER;
        return new Duration(e.ms);
      case "list": {
        let h = NEVER;
        const out = e.items.map((item) => {
          const v = plain(this.value(item));
          h = Math.min(h, this.h);
          return v;
        });
        this.h = h;
        return out;
      }
      case "path":
        this.h = NEVER;
        return this.path(e);
      case "and":
      case "or":
        return this.junction(e.kind === "and", e.operands);
      case "not":
        return !this.cond(e.operand);
      case "compare":
        if (e.op === "=" && e.right.kind === "string" && isEventField(e.left, "type")) {
          this.h = NEVER;
          return this.events.types[this.event] === e.right.value;
        }
        return this.compare(e.op, e.left, e.right);
      case "in":
        return this.inList(e.value, e.list.items, e.negated);
      case "between":
        return this.between(e.value, e.low, e.high, e.negated);
      case "contains":
      case "startsWith":
      case "endsWith":
        return this.textMatch(e.kind, e.value, e.operand);
      case "isNull": {
        const missing = this.value(e.value) === undefined;
        return e.negated ? !missing : missing;
      }
      case "withinLast":
        return this.withinLast(e.value, e.duration.ms);
      case "arith":
        return this.arith(e.op, e.left, e.right);
      case "negate": {
        const v = plain(this.value(e.operand));
        return v instanceof Moving ? negateMoving(v) : negate(v);
      }
      case "call":
        return this.call(e.fn, e.arg);
      case "exists":
        return this.exists(e.filter);
      case "count": {
        const m = this.matches(e.filter);
        this.h = m.first;
        return new Count(m.indices.length, m.leave, m.enter, NEVER);
      }
      case "aggregate": {
        const m = this.matches(e.filter);
        const values = m.indices.map((i) => this.eventPath(e.path, i));
        this.h = m.first;
        return aggregateOf(e.fn, values);
      }
      case "sequence":
        return this.sequence(e);
      case "inSegment": {
        const o = this.segment(e.segmentId);
        this.h = o.until;
        return o.holds;
      }
    }
  }

  /** A moving value as the evaluator sees it now (arrays too); thresholds as numbers. */
  private concrete(v: unknown): unknown {
    if (v instanceof Moving) return v.at(this.nowMs);
    if (Array.isArray(v) && v.some((x) => x instanceof Moving)) return v.map((x) => atNow(x, this.nowMs));
    return plain(v);
  }

  // Conditions ---------------------------------------------------------------------------------

  /** As {@link Junction} (written out: filters run it for every event). */
  private junction(isAnd: boolean, operands: readonly Expr[]): boolean {
    let decided = false;
    let decidedUntil = Number.NEGATIVE_INFINITY;
    let openUntil = NEVER;
    for (const o of operands) {
      const v = this.cond(o);
      if (v !== isAnd) {
        decided = true;
        if (this.h > decidedUntil) decidedUntil = this.h;
        if (decidedUntil === NEVER) break;
      } else if (this.h < openUntil) {
        openUntil = this.h;
      }
    }
    this.h = decided ? decidedUntil : openUntil;
    return decided !== isAnd;
  }

  private compare(op: CompareOp, left: Expr, right: Expr): boolean {
    const a = this.value(left);
    const ha = this.h;
    if (a === undefined) return false;
    const b = this.value(right);
    const hb = this.h;
    if (b === undefined) return false;
    if (isThreshold(a) && typeof b === "number" && Number.isFinite(b)) {
      const r = compareThreshold(a, op, b);
      this.h = Math.min(r.until, a.validUntil, hb);
      return r.holds;
    }
    if (isThreshold(b) && typeof a === "number" && Number.isFinite(a)) {
      const r = compareThreshold(b, mirrored(op), a);
      this.h = Math.min(r.until, b.validUntil, ha);
      return r.holds;
    }
    const x = plain(a);
    const y = plain(b);
    if (!(x instanceof Moving) && !(y instanceof Moving) && !Array.isArray(x)) {
      // Nothing moves: the pair's value now is its value until its operands change.
      this.h = Math.min(ha, hb);
      return holdsNow(op, x, y);
    }
    let r: Outlook;
    if (Array.isArray(x)) {
      // Some element holds; `!=` on an array: no element is equal.
      const some = new Junction(false);
      for (const el of present(x)) {
        const p = pairOutlook(op === "!=" ? "=" : op, el, y, this.nowMs);
        some.add(p.holds, p.until);
      }
      r = { holds: op === "!=" ? !some.holds : some.holds, until: some.until };
    } else {
      r = pairOutlook(op, x, y, this.nowMs);
    }
    this.h = Math.min(ha, hb, r.until);
    return r.holds;
  }

  private inList(value: Expr, items: readonly Expr[], negated: boolean): boolean {
    const a = plain(this.value(value));
    let h = this.h;
    if (a === undefined) return false;
    const listed: unknown[] = [];
    for (const item of items) {
      const v = plain(this.value(item));
      h = Math.min(h, this.h);
      // Missing list elements match nothing.
      if (v !== undefined) listed.push(v);
    }
    const some = new Junction(false);
    for (const el of present(elements(a))) {
      for (const item of listed) {
        const p = pairOutlook("=", el, item, this.nowMs);
        some.add(p.holds, p.until);
      }
    }
    this.h = Math.min(h, some.until);
    return negated ? !some.holds : some.holds;
  }

  private between(value: Expr, lowExpr: Expr, highExpr: Expr, negated: boolean): boolean {
    const a = plain(this.value(value));
    const ha = this.h;
    if (a === undefined) return false;
    const low = plain(this.value(lowExpr));
    const hl = this.h;
    const high = plain(this.value(highExpr));
    this.h = Math.min(ha, hl, this.h);
    if (low === undefined || high === undefined) return false;
    const some = this.someInRange(a, low, ">=", high, "<=");
    this.h = Math.min(this.h, some.until);
    return negated ? !some.holds : some.holds;
  }

  /** Some element of `a` is `lowOp` `low` and `highOp` `high`. */
  private someInRange(a: unknown, low: unknown, lowOp: CompareOp, high: unknown, highOp: CompareOp): Outlook {
    const some = new Junction(false);
    for (const el of present(elements(a))) {
      const both = new Junction(true);
      const l = pairOutlook(lowOp, el, low, this.nowMs);
      both.add(l.holds, l.until);
      const u = pairOutlook(highOp, el, high, this.nowMs);
      both.add(u.holds, u.until);
      some.add(both.holds, both.until);
    }
    return { holds: some.holds, until: some.until };
  }

  private textMatch(kind: "contains" | "startsWith" | "endsWith", value: Expr, operand: Expr): boolean {
    const a = plain(this.value(value));
    const ha = this.h;
    if (a === undefined) return false;
    const b = plain(this.value(operand));
    const hb = this.h;
    if (b === undefined) return false;
    this.h = Math.min(ha, hb);
    if (kind === "contains" && Array.isArray(a)) {
      // Element equality: each element against the operand.
      const some = new Junction(false);
      for (const el of present(a)) {
        const p = pairOutlook("=", el, b, this.nowMs);
        some.add(p.holds, p.until);
      }
      this.h = Math.min(this.h, some.until);
      return some.holds;
    }
    // Substrings and prefixes of strings: no moving value is a string.
    const [ca, cb] = [this.concrete(a), this.concrete(b)];
    if (kind === "contains") return containsValue(ca, cb);
    const test = kind === "startsWith" ? String.prototype.startsWith : String.prototype.endsWith;
    return anyValue(ca, (x) => typeof x === "string" && typeof cb === "string" && test.call(x, cb));
  }

  /** `x within last d` is `x > now - d and x <= now`. */
  private withinLast(value: Expr, durationMs: number): boolean {
    if (durationMs <= 0) {
      // Empty window: false at every instant.
      this.h = NEVER;
      return false;
    }
    if (isEventField(value, "timestamp")) {
      this.h = NEVER;
      return this.inWindow(this.events.times[this.event]!, durationMs);
    }
    const a = plain(this.value(value));
    if (a === undefined) return false;
    const ms = typeof a === "string" ? parseInstant(a) : instantMs(a);
    if (ms !== undefined) return this.inWindow(ms, durationMs);
    const some = this.someInRange(a, new Moving(1, -durationMs, false), ">", NOW, "<=");
    this.h = Math.min(this.h, some.until);
    return some.holds;
  }

  /**
   * A fixed instant `ms` within the last `d` (a timestamp, most often): the pairs of
   * {@link someInRange} worked out. Before `ms` it is not yet in the window, from `ms` to
   * `ms + d` it is, then never again. Lowers the horizon already set.
   */
  private inWindow(ms: number, durationMs: number): boolean {
    const later = ms > this.nowMs;
    const holds = !later && ms > this.nowMs - durationMs;
    const until = later ? atOrAfter(ms, this.nowMs) : holds ? atOrAfter(ms + durationMs, this.nowMs) : NEVER;
    if (until < this.h) this.h = until;
    return holds;
  }

  // Values ---------------------------------------------------------------------------------------

  private arith(op: "+" | "-" | "*" | "/", left: Expr, right: Expr): unknown {
    const a = plain(this.value(left));
    const ha = this.h;
    const b = plain(this.value(right));
    this.h = Math.min(ha, this.h);
    if (!(a instanceof Moving) && !(b instanceof Moving)) return arithmetic(op, a, b);
    const r = movingArithmetic(op, a, b);
    if (r.exact) return r.value;
    // Beyond exact arithmetic: the value now, which may change at the next millisecond.
    this.h = this.nowMs + 1;
    return arithmetic(op, this.concrete(a), this.concrete(b));
  }

  private call(fn: FunctionName, arg: Expr): unknown {
    const v = plain(this.value(arg));
    const ha = this.h;
    if (fn !== "daysSince" && fn !== "yearsSince") return callFunction(fn, this.concrete(v), this.nowMs);
    if (v instanceof Moving) {
      const result = callFunction(fn, v.at(this.nowMs), this.nowMs);
      if (result === undefined) return undefined;
      let step: number;
      if (fn === "daysSince") {
        // floor((now − (slope·now + offset)) / 1 day)
        step = floorStep(1 - v.slope, -v.offset, DAY_MS, this.nowMs);
      } else if (v.slope === 1) {
        // Calendar years from `now + c` to `now` only depend on the UTC date of `now + c`.
        const midnight = (Math.floor((this.nowMs + v.offset) / DAY_MS) + 1) * DAY_MS;
        step = midnight - v.offset;
      } else {
        step = this.nowMs + 1;
      }
      this.h = Math.min(ha, step);
      return result;
    }
    const from = typeof v === "string" ? parseInstant(v) : instantMs(v);
    if (from === undefined) return undefined;
    const clock = new Clock(fn, from, callFunction(fn, v, this.nowMs) as number, this.nowMs, ha);
    this.h = Math.min(ha, clock.nextStep());
    return clock;
  }

  private path(e: PathExpr): unknown {
    const keys = e.keys;
    switch (e.root) {
      case "id":
        return readKeys(this.profile.id, keys);
      case "attributes":
        return readKeys(this.profile.attributes ?? undefined, keys);
      case "scores":
        return readKeys(this.profile.scores ?? undefined, keys);
      case "properties":
        return readKeys(this.events.props[this.event], keys);
      case "type":
        return keys.length > 0 ? undefined : this.events.types[this.event];
      case "timestamp":
        return keys.length > 0 ? undefined : new Instant(this.events.times[this.event]!);
    }
  }

  private eventPath(path: PathExpr, event: number): unknown {
    this.event = event;
    const v = this.path(path);
    this.event = -1;
    return v;
  }

  // Event sets -----------------------------------------------------------------------------------

  /**
   * Which existing events `filter` selects, and when each event may enter or leave. An existing
   * event leaves at its filter's horizon; an event later than `now` enters at its timestamp
   * when the filter holds for it now, else when the filter may first hold for it, if ever.
   */
  private matches(filter: Expr | null): Matches {
    const known = this.matchMemo.get(filter);
    if (known) return known;
    const times = this.events.times;
    // A filter that needs some types never holds for events of others.
    const candidates = this.events.ofTypes(requiredTypes(filter));
    const indices: number[] = [];
    const leave: number[] = [];
    const enter: number[] = [];
    let first = NEVER;
    const saved = this.event;
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k]!;
      let holds = true;
      let until = NEVER;
      if (filter !== null) {
        this.event = i;
        holds = this.cond(filter);
        until = this.h;
      }
      const t = times[i]!;
      let at: number;
      if (t <= this.nowMs) {
        at = until;
        if (holds) {
          indices.push(i);
          leave.push(until);
        } else if (until !== NEVER) {
          enter.push(until);
        }
      } else {
        at = holds ? t : Math.max(t, until);
        if (at !== NEVER) enter.push(at);
      }
      if (at < first) first = at;
    }
    this.event = saved;
    const m = { indices, leave, enter, first };
    this.matchMemo.set(filter, m);
    return m;
  }

  /** Exists: true until its last matching event may leave, false until one may enter. */
  private exists(filter: Expr | null): boolean {
    const m = this.matches(filter);
    const r = new Count(m.indices.length, m.leave, m.enter, NEVER).atLeast(1);
    this.h = r.until;
    return r.holds;
  }

  /**
   * More events can only help a sequence: true until a matching event may leave, false until
   * one may enter.
   */
  private sequence(e: SequenceExpr): boolean {
    const steps = e.steps.map((s) => this.matches(s));
    const times = steps.map((m) => m.indices.map((i) => this.events.times[i]!).sort((a, b) => a - b));
    const holds = sequenceHolds(times, e.within === null ? null : e.within.ms);
    let h = NEVER;
    for (const m of steps) for (const t of holds ? m.leave : m.enter) if (t < h) h = t;
    this.h = h;
    return holds;
  }
}
