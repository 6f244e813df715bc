/**
 * Explanations: why a profile is or is not in a segment. The tree mirrors the definition;
 * each condition says whether it held, each value what was seen (instants as ISO text,
 * durations in milliseconds, missing as `missing: true`). Inside an event filter a node says
 * on how many of the profile's existing events it held, which is what a person asks
 * ("12 searches, none for running shoes").
 */
import type { Expr, Position } from "../ast.js";
import type { CheckedSegment } from "../checker.js";
import { formatExpr } from "../format.js";
import { formatInstant } from "../instant.js";
import { Duration, instantMs } from "../values.js";
import { children } from "../walk.js";
import type { EvalContext } from "./context.js";
import type { ExpressionCompiler } from "./expressions.js";

export interface ExplainNode {
  /** The sub-expression, as source text. */
  expression: string;
  at: Position;
  /** For a condition outside event filters: whether it held. */
  holds?: boolean;
  /** For a value outside event filters: what it was (absent when missing). */
  value?: unknown;
  missing?: boolean;
  /** For a condition inside an event filter: on how many existing events it held. */
  matchingEvents?: number;
  children: ExplainNode[];
}

export interface Explanation {
  segmentId: string;
  holds: boolean;
  root: ExplainNode;
}

const CONDITIONS = new Set([
  "and",
  "or",
  "not",
  "compare",
  "in",
  "between",
  "contains",
  "startsWith",
  "endsWith",
  "isNull",
  "withinLast",
  "exists",
  "sequence",
  "inSegment",
  "boolean",
]);

function shown(v: unknown): unknown {
  if (v instanceof Duration) return { durationMs: v.ms };
  const ms = instantMs(v);
  if (ms !== undefined) return formatInstant(ms);
  if (Array.isArray(v)) return v.map(shown);
  return v;
}

/**
 * The sub-expressions shown under a node: its children, except what has no value of its own
 * outside an event (event filters and aggregated paths, shown by `eventSets`), a list's items
 * and a `within last` duration.
 */
function operands(e: Expr): Expr[] {
  switch (e.kind) {
    case "list":
    case "exists":
    case "count":
    case "aggregate":
    case "sequence":
      return [];
    case "withinLast":
      return [e.value];
    default:
      return children(e);
  }
}

export function explainSegment(
  segment: CheckedSegment,
  ctx: EvalContext,
  compiler: ExpressionCompiler,
  membership: (id: string) => boolean,
): Explanation {
  const filterNode = (e: Expr): ExplainNode => {
    const test = compiler.cond(e);
    const n = ctx.events();
    let matching = 0;
    for (let ev = 0; ev < n; ev++) {
      ctx.event = ev;
      if (test(ctx)) matching++;
    }
    const logical = e.kind === "and" || e.kind === "or" || e.kind === "not";
    const children = operands(e)
      .filter((c) => CONDITIONS.has(c.kind) || (logical && c.kind === "path"))
      .map(filterNode);
    return { expression: formatExpr(e), at: e.at, matchingEvents: matching, children };
  };

  const eventSets = (e: Expr): ExplainNode[] => {
    switch (e.kind) {
      case "exists":
      case "count":
      case "aggregate":
        return e.filter ? [filterNode(e.filter)] : [];
      case "sequence":
        return e.steps.filter((s): s is Expr => s !== null).map(filterNode);
      default:
        return [];
    }
  };

  const node = (e: Expr, asCondition: boolean): ExplainNode => {
    const base = { expression: formatExpr(e), at: e.at };
    const children = [
      ...operands(e).map((c) => node(c, e.kind === "and" || e.kind === "or" || e.kind === "not")),
      ...eventSets(e),
    ];
    if (e.kind === "inSegment") return { ...base, holds: membership(e.segmentId), children };
    if (asCondition || CONDITIONS.has(e.kind)) return { ...base, holds: compiler.cond(e)(ctx), children };
    const v = compiler.value(e)(ctx);
    return v === undefined ? { ...base, missing: true, children } : { ...base, value: shown(v), children };
  };

  const root = node(segment.ast.root, true);
  return { segmentId: segment.id, holds: root.holds === true, root };
}
