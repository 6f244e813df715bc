/**
 * Shares event work between the segments of a set. Every distinct event filter (by its
 * source text) is evaluated once per event, and every event-set form (`count`, `exists`,
 * `sum`…, `sequence`) reads a slot that one pass over the profile's events fills for all of
 * them together. Filters are dispatched by event type when they require one (`type = "x"`),
 * so an event is only tested against the filters that can match it.
 *
 * Filters that read `inSegment` depend on other segments' results, which may themselves
 * need the shared pass; each of those gets a pass of its own, run when first needed.
 */
import type { AggregateFn, Expr, PathExpr } from "../ast.js";
import { formatExpr } from "../format.js";
import { readKeys } from "../semantics/paths.js";
import { Instant, instantMs } from "../values.js";
import { walk } from "../walk.js";
import type { EvalContext } from "./context.js";
import type { CondFn, EventSetExpr, ExpressionCompiler, ValueFn } from "./expressions.js";
import { sequenceHolds } from "./sequence.js";

/** Collects per-event results of one filter into slots. */
interface Consumer {
  start(ctx: EvalContext): void;
  add(ctx: EvalContext): void;
  finish(ctx: EvalContext): void;
}

interface Filter {
  key: string;
  test: CondFn;
  /** Event types the filter can match, or null for any. */
  types: readonly string[] | null;
  consumers: Consumer[];
  pass: Pass | undefined;
}

/** One loop over a profile's events feeding a group of filters. */
class Pass {
  readonly filters: Filter[] = [];
  readonly slots: number[] = [];
  private byType = new Map<string, Filter[]>();
  private untyped: Filter[] = [];

  seal(): void {
    this.untyped = this.filters.filter((f) => f.types === null);
    const types = new Set(this.filters.flatMap((f) => f.types ?? []));
    for (const t of types)
      this.byType.set(
        t,
        this.filters.filter((f) => f.types === null || f.types.includes(t)),
      );
  }

  run(ctx: EvalContext): void {
    const saved = ctx.event;
    const n = ctx.events();
    for (const f of this.filters) for (const c of f.consumers) c.start(ctx);
    for (let ev = 0; ev < n; ev++) {
      ctx.event = ev;
      const type = ctx.eventTypes[ev];
      const filters = (type !== undefined && this.byType.get(type)) || this.untyped;
      for (let i = 0; i < filters.length; i++) {
        const f = filters[i]!;
        if (f.test(ctx)) for (const c of f.consumers) c.add(ctx);
      }
    }
    for (const f of this.filters) for (const c of f.consumers) c.finish(ctx);
    for (const s of this.slots) ctx.slotReady[s] = 1;
    ctx.event = saved;
  }
}

/** The event types a filter requires, from a top-level `type = "x"` or `type in [...]`. */
export function requiredTypes(filter: Expr | null): string[] | null {
  if (filter === null) return null;
  const isType = (e: Expr) => e.kind === "path" && e.root === "type" && e.keys.length === 0;
  switch (filter.kind) {
    case "compare":
      if (filter.op !== "=") return null;
      if (isType(filter.left) && filter.right.kind === "string") return [filter.right.value];
      if (isType(filter.right) && filter.left.kind === "string") return [filter.left.value];
      return null;
    case "in":
      if (filter.negated || !isType(filter.value)) return null;
      return filter.list.items.every((i) => i.kind === "string")
        ? filter.list.items.map((i) => (i as { value: string }).value)
        : null;
    case "and": {
      for (const o of filter.operands) {
        const t = requiredTypes(o);
        if (t) return t;
      }
      return null;
    }
    case "or": {
      const all = filter.operands.map(requiredTypes);
      return all.every((t) => t !== null) ? all.flat() : null;
    }
    default:
      return null;
  }
}

export class EventPlan {
  private readonly filters = new Map<string, Filter>();
  private readonly slotsByKey = new Map<string, ValueFn>();
  private readonly shared = new Pass();
  private readonly passes: Pass[] = [this.shared];
  private slotCount = 0;
  private compiler!: ExpressionCompiler;

  /** The compiler that compiles filters; set once, before the first event set. */
  use(compiler: ExpressionCompiler): void {
    this.compiler = compiler;
  }

  get slots(): number {
    return this.slotCount;
  }

  /** Call after every segment is compiled. */
  seal(): void {
    for (const p of this.passes) p.seal();
  }

  eventSet(node: EventSetExpr): ValueFn {
    switch (node.kind) {
      case "exists": {
        const count = this.counter(node.filter);
        return (ctx) => (count(ctx) as number) >= 1;
      }
      case "count":
        return this.counter(node.filter);
      case "aggregate":
        return this.aggregate(node.fn, node.path, node.filter);
      case "sequence": {
        const steps = node.steps.map((s) => this.times(s));
        const within = node.within === null ? null : node.within.ms;
        return (ctx) =>
          sequenceHolds(
            steps.map((s) => s(ctx) as number[]),
            within,
          );
      }
    }
  }

  private filter(expr: Expr | null): Filter {
    const key = expr === null ? "" : formatExpr(expr);
    let f = this.filters.get(key);
    if (f) return f;
    const dependent = expr !== null && [...walk(expr)].some((e) => e.kind === "inSegment");
    const test: CondFn = expr === null ? () => true : this.compiler.cond(expr);
    f = { key, test, types: requiredTypes(expr), consumers: [], pass: undefined };
    const pass = dependent ? new Pass() : this.shared;
    if (dependent) this.passes.push(pass);
    pass.filters.push(f);
    f.pass = pass;
    this.filters.set(key, f);
    return f;
  }

  /** A slot for `key`, filled by `consumer` as the filter's events go by. */
  private slot(key: string, expr: Expr | null, make: (slot: number) => Consumer): ValueFn {
    const known = this.slotsByKey.get(key);
    if (known) return known;
    const f = this.filter(expr);
    const slot = this.slotCount++;
    f.consumers.push(make(slot));
    f.pass!.slots.push(slot);
    const pass = f.pass!;
    const read: ValueFn = (ctx) => {
      if (ctx.slotReady[slot] === 0) pass.run(ctx);
      return ctx.slots[slot];
    };
    this.slotsByKey.set(key, read);
    return read;
  }

  private counter(expr: Expr | null): ValueFn {
    return this.slot(`count|${expr === null ? "" : formatExpr(expr)}`, expr, (slot) => {
      let n = 0;
      return {
        start: () => {
          n = 0;
        },
        add: () => {
          n++;
        },
        finish: (ctx) => {
          ctx.slots[slot] = n;
        },
      };
    });
  }

  private times(expr: Expr | null): ValueFn {
    return this.slot(`times|${expr === null ? "" : formatExpr(expr)}`, expr, (slot) => {
      let times: number[] = [];
      return {
        start: () => {
          times = [];
        },
        add: (ctx) => {
          times.push(ctx.eventTimes[ctx.event]!);
        },
        finish: (ctx) => {
          ctx.slots[slot] = times.sort((a, b) => a - b);
        },
      };
    });
  }

  private aggregate(fn: AggregateFn, path: PathExpr, expr: Expr | null): ValueFn {
    const key = `${fn}|${formatExpr(path)}|${expr === null ? "" : formatExpr(expr)}`;
    const read = this.eventValue(path);
    return this.slot(key, expr, (slot) => {
      let sum = 0;
      let count = 0;
      // min/max: the kind of the first value taken decides; values of the other kind are skipped.
      let best: number | undefined;
      let kind: "number" | "instant" | undefined;
      return {
        start: () => {
          sum = 0;
          count = 0;
          best = undefined;
          kind = undefined;
        },
        add: (ctx) => {
          const v = read(ctx);
          if (fn === "sum" || fn === "avg") {
            if (typeof v === "number") {
              sum += v;
              count++;
            }
            return;
          }
          let x: number | undefined;
          let k: "number" | "instant";
          if (typeof v === "number") {
            x = v;
            k = "number";
          } else {
            x = instantMs(v);
            k = "instant";
          }
          if (x === undefined || (kind !== undefined && kind !== k)) return;
          kind = k;
          if (best === undefined || (fn === "min" ? x < best : x > best)) best = x;
        },
        finish: (ctx) => {
          let result: unknown;
          if (fn === "sum") result = sum;
          else if (fn === "avg") result = count === 0 ? undefined : sum / count;
          else if (best !== undefined) result = kind === "instant" ? new Instant(best) : best;
          ctx.slots[slot] = result;
        },
      };
    });
  }

  /** Reads an aggregate's path on the current event; timestamps stay unboxed in `Instant`s. */
  private eventValue(path: PathExpr): ValueFn {
    if (path.root === "timestamp" && path.keys.length === 0)
      return (ctx) => new Instant(ctx.eventTimes[ctx.event]!);
    if (path.root === "properties") {
      const keys = path.keys;
      return (ctx) => readKeys(ctx.eventProps[ctx.event], keys);
    }
    return this.compiler.path(path);
  }
}
