/**
 * Compiles expressions to closures over an {@link EvalContext} (compile once, run many, as
 * mingo does): the tree is walked once per segment set, never per profile. Event sets and
 * `inSegment` are delegated to the caller's hooks, which share their work between segments.
 */
import type { AggregateExpr, CountExpr, ExistsExpr, Expr, ListExpr, PathExpr, SequenceExpr } from "../ast.js";
import { arithmetic, callFunction, negate } from "../semantics/arith.js";
import { readKeys } from "../semantics/paths.js";
import { Duration, Instant } from "../values.js";
import type { EvalContext } from "./context.js";
import {
  anyValue,
  containsValue,
  isBetween,
  isEqual,
  isNotEqual,
  ordered,
  withinLast,
} from "./predicates.js";

export type ValueFn = (ctx: EvalContext) => unknown;
export type CondFn = (ctx: EvalContext) => boolean;
export type EventSetExpr = ExistsExpr | CountExpr | AggregateExpr | SequenceExpr;

export interface CompileHooks {
  /** The value of an event-set form (a boolean for `exists`/`sequence`). */
  eventSet(node: EventSetExpr): ValueFn;
  /** Membership in another segment of the set. */
  inSegment(id: string): CondFn;
}

const isEventTime = (e: Expr): e is PathExpr =>
  e.kind === "path" && e.root === "timestamp" && e.keys.length === 0;
const isEventType = (e: Expr): e is PathExpr => e.kind === "path" && e.root === "type" && e.keys.length === 0;

export class ExpressionCompiler {
  constructor(private readonly hooks: CompileHooks) {}

  /** A condition: true exactly when the expression's value is the boolean `true`. */
  cond(e: Expr): CondFn {
    switch (e.kind) {
      case "boolean": {
        const v = e.value;
        return () => v;
      }
      case "and": {
        const parts = e.operands.map((o) => this.cond(o));
        if (parts.length === 2) {
          const [a, b] = parts as [CondFn, CondFn];
          return (ctx) => a(ctx) && b(ctx);
        }
        return (ctx) => {
          for (const p of parts) if (!p(ctx)) return false;
          return true;
        };
      }
      case "or": {
        const parts = e.operands.map((o) => this.cond(o));
        return (ctx) => {
          for (const p of parts) if (p(ctx)) return true;
          return false;
        };
      }
      case "not": {
        const inner = this.cond(e.operand);
        return (ctx) => !inner(ctx);
      }
      case "compare":
        return this.compare(e.op, e.left, e.right);
      case "in":
        return this.inList(e.value, e.list, e.negated);
      case "between": {
        const [v, lo, hi] = [this.value(e.value), this.value(e.low), this.value(e.high)];
        const negated = e.negated;
        return (ctx) => {
          const a = v(ctx);
          if (a === undefined) return false;
          const low = lo(ctx);
          const high = hi(ctx);
          if (low === undefined || high === undefined) return false;
          const holds = anyValue(a, (x) => isBetween(x, low, high));
          return negated ? !holds : holds;
        };
      }
      case "contains":
        return this.binary(e.value, e.operand, containsValue);
      case "startsWith":
        return this.binary(e.value, e.operand, (a, b) =>
          anyValue(a, (x) => typeof x === "string" && typeof b === "string" && x.startsWith(b)),
        );
      case "endsWith":
        return this.binary(e.value, e.operand, (a, b) =>
          anyValue(a, (x) => typeof x === "string" && typeof b === "string" && x.endsWith(b)),
        );
      case "isNull": {
        const v = this.value(e.value);
        return e.negated ? (ctx) => v(ctx) !== undefined : (ctx) => v(ctx) === undefined;
      }
      case "withinLast": {
        const d = e.duration.ms;
        if (isEventTime(e.value)) {
          return (ctx) => {
            const t = ctx.eventTimes[ctx.event]!;
            return t > ctx.nowMs - d && t <= ctx.nowMs;
          };
        }
        const v = this.value(e.value);
        return (ctx) => {
          const a = v(ctx);
          return a !== undefined && anyValue(a, (x) => withinLast(x, d, ctx.nowMs));
        };
      }
      case "exists":
      case "sequence": {
        const v = this.hooks.eventSet(e);
        return (ctx) => v(ctx) === true;
      }
      case "inSegment":
        return this.hooks.inSegment(e.segmentId);
      default: {
        const v = this.value(e);
        return (ctx) => v(ctx) === true;
      }
    }
  }

  /** A value; `undefined` is missing. */
  value(e: Expr): ValueFn {
    switch (e.kind) {
      case "number":
      case "string": {
        const v = e.value;
        return () => v;
      }
      case "now":
        return (ctx) => new Instant(ctx.nowMs);
      case "date": {
        const v = new Instant(e.epochMs);
        return () => v;
      }
      case "duration": {
        const v = new Duration(e.ms);
        return () => v;
      }
      case "list": {
        const items = e.items.map((i) => this.value(i));
        return (ctx) => items.map((f) => f(ctx));
      }
      case "path":
        return this.path(e);
      case "arith": {
        const [l, r, op] = [this.value(e.left), this.value(e.right), e.op];
        return (ctx) => arithmetic(op, l(ctx), r(ctx));
      }
      case "negate": {
        const v = this.value(e.operand);
        return (ctx) => negate(v(ctx));
      }
      case "call": {
        const [v, fn] = [this.value(e.arg), e.fn];
        return (ctx) => callFunction(fn, v(ctx), ctx.nowMs);
      }
      case "count":
      case "aggregate":
        return this.hooks.eventSet(e);
      default: {
        // Conditions used as values (`(a > 1) = true`) are booleans.
        const c = this.cond(e);
        return (ctx) => c(ctx);
      }
    }
  }

  path(e: PathExpr): ValueFn {
    const keys = e.keys;
    switch (e.root) {
      case "id":
        return (ctx) => readKeys(ctx.profile.id, keys);
      case "attributes":
        return (ctx) => readKeys(ctx.attributes, keys);
      case "scores":
        return (ctx) => readKeys(ctx.scores, keys);
      case "properties":
        return (ctx) => readKeys(ctx.eventProps[ctx.event], keys);
      case "type":
        return keys.length > 0 ? () => undefined : (ctx) => ctx.eventTypes[ctx.event];
      case "timestamp":
        return keys.length > 0 ? () => undefined : (ctx) => new Instant(ctx.eventTimes[ctx.event]!);
    }
  }

  /** Both operands present, then `test`. */
  private binary(left: Expr, right: Expr, test: (a: unknown, b: unknown) => boolean): CondFn {
    const l = this.value(left);
    const r = this.value(right);
    return (ctx) => {
      const a = l(ctx);
      if (a === undefined) return false;
      const b = r(ctx);
      return b !== undefined && test(a, b);
    };
  }

  private compare(op: "=" | "!=" | "<" | "<=" | ">" | ">=", left: Expr, right: Expr): CondFn {
    if (op === "=" && isEventType(left) && right.kind === "string") {
      const want = right.value;
      return (ctx) => ctx.eventTypes[ctx.event] === want;
    }
    if (op === "=") return this.binary(left, right, (a, b) => anyValue(a, (x) => isEqual(x, b)));
    if (op === "!=") {
      return this.binary(left, right, (a, b) =>
        Array.isArray(a) ? !anyValue(a, (x) => isEqual(x, b)) : isNotEqual(a, b),
      );
    }
    return this.binary(left, right, (a, b) => anyValue(a, (x) => ordered(op, x, b)));
  }

  private inList(value: Expr, list: ListExpr, negated: boolean): CondFn {
    const v = this.value(value);
    const items = list.items.map((i) => this.value(i));
    // Lists of plain string/number literals: a Set answers for string and number values.
    const literals = list.items.every((i) => i.kind === "string" || i.kind === "number")
      ? new Set(list.items.map((i) => (i as { value: unknown }).value))
      : undefined;
    const member = (ctx: EvalContext, x: unknown): boolean => {
      if (literals && (typeof x === "string" || typeof x === "number")) return literals.has(x);
      for (const f of items) {
        const item = f(ctx);
        if (item !== undefined && isEqual(x, item)) return true;
      }
      return false;
    };
    return (ctx) => {
      const a = v(ctx);
      if (a === undefined) return false;
      const holds = anyValue(a, (x) => member(ctx, x));
      return negated ? !holds : holds;
    };
  }
}
