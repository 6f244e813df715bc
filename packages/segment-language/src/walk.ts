/**
 * The package's one tree walk: every pass over a definition's AST (references, event-filter
 * analysis, explanations) reads the tree through {@link children}.
 */
import type { Expr, InSegmentExpr } from "./ast.js";

/** The direct sub-expressions of `e`, in source order (event filters included). */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case "list":
      return e.items;
    case "and":
    case "or":
      return e.operands;
    case "not":
    case "negate":
      return [e.operand];
    case "compare":
    case "arith":
      return [e.left, e.right];
    case "in":
      return [e.value, e.list];
    case "between":
      return [e.value, e.low, e.high];
    case "contains":
    case "startsWith":
    case "endsWith":
      return [e.value, e.operand];
    case "isNull":
      return [e.value];
    case "withinLast":
      return [e.value, e.duration];
    case "call":
      return [e.arg];
    case "exists":
    case "count":
      return e.filter ? [e.filter] : [];
    case "aggregate":
      return e.filter ? [e.path, e.filter] : [e.path];
    case "sequence":
      return [...e.steps.filter((s): s is Expr => s !== null), ...(e.within ? [e.within] : [])];
    default:
      return [];
  }
}

/** Every node of the tree, parents before children. */
export function* walk(e: Expr): Generator<Expr> {
  yield e;
  for (const c of children(e)) yield* walk(c);
}

/** The `inSegment` references of a tree, in source order. */
export function inSegmentRefs(root: Expr): InSegmentExpr[] {
  return [...walk(root)].filter((e): e is InSegmentExpr => e.kind === "inSegment");
}

/** Ids a definition reads through `inSegment`, in source order, without repeats. */
export function dependsOn(root: Expr): string[] {
  return [...new Set(inSegmentRefs(root).map((r) => r.segmentId))];
}
