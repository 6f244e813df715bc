/**
 * Checks definitions before anything runs (segment-language.md, "Types and checks"): each
 * definition on its own (types, event-filter rules), then the set (duplicate ids, `inSegment`
 * references and cycles). Reports every error found, in definition order.
 */
import type { Expr, InSegmentExpr, SegmentAst } from "./ast.js";
import { type LanguageError, type Problem, toLanguageError } from "./errors.js";
import { parseDefinition } from "./parser.js";
import { typeProblems } from "./types.js";
import { walk } from "./walk.js";

export interface SegmentDefinition {
  id: string;
  definition: string;
}

export interface CheckedSegment {
  id: string;
  ast: SegmentAst;
  /** Ids this segment reads through `inSegment`, in source order, without repeats. */
  dependsOn: string[];
}

export interface CheckResult {
  /** The valid segments, in input order (a segment that depends on an invalid one is left out). */
  segments: CheckedSegment[];
  errors: LanguageError[];
  /** Ids of `segments`, every segment after the segments it depends on. */
  evaluationOrder: string[];
}

function inSegmentRefs(root: Expr): InSegmentExpr[] {
  return [...walk(root)].filter((e): e is InSegmentExpr => e.kind === "inSegment");
}

export function checkSegments(definitions: readonly SegmentDefinition[]): CheckResult {
  const problemsById = new Map<string, Problem[]>();
  const parsed = new Map<string, SegmentAst>();
  const seen = new Set<string>();
  const order: string[] = [];

  for (const { id, definition } of definitions) {
    if (seen.has(id)) {
      // Reported under the id, at the start of the repeated definition.
      problemsById
        .get(id)!
        .push({ at: { line: 1, column: 1 }, reason: `duplicate segment id ${JSON.stringify(id)}` });
      continue;
    }
    seen.add(id);
    order.push(id);
    const { ast, problems } = parseDefinition(definition);
    if (ast) problems.push(...typeProblems(ast.root));
    problemsById.set(id, problems);
    if (ast && problems.length === 0) parsed.set(id, ast);
  }

  checkReferences(order, parsed, seen, problemsById);

  // A segment is usable when it and everything it reads are free of problems.
  const usable = new Map<string, boolean>();
  const isUsable = (id: string, trail: Set<string>): boolean => {
    const known = usable.get(id);
    if (known !== undefined) return known;
    const ast = parsed.get(id);
    if (!ast || problemsById.get(id)!.length > 0 || trail.has(id)) return false;
    trail.add(id);
    const ok = inSegmentRefs(ast.root).every((r) => isUsable(r.segmentId, trail));
    trail.delete(id);
    usable.set(id, ok);
    return ok;
  };

  const segments: CheckedSegment[] = [];
  for (const id of order) {
    const ast = parsed.get(id);
    if (!ast || !isUsable(id, new Set())) continue;
    segments.push({ id, ast, dependsOn: [...new Set(inSegmentRefs(ast.root).map((r) => r.segmentId))] });
  }

  const errors = order.flatMap((id) => problemsById.get(id)!.map((p) => toLanguageError(id, p)));
  return { segments, errors, evaluationOrder: dependencyOrder(segments) };
}

/**
 * Unknown `inSegment` ids, and cycles: a depth-first walk in definition order reports each
 * cycle once, at the reference that closes it.
 */
function checkReferences(
  order: string[],
  parsed: Map<string, SegmentAst>,
  known: Set<string>,
  problemsById: Map<string, Problem[]>,
): void {
  const state = new Map<string, "active" | "done">();
  const visit = (id: string): void => {
    state.set(id, "active");
    const ast = parsed.get(id);
    for (const ref of ast ? inSegmentRefs(ast.root) : []) {
      const target = ref.segmentId;
      if (!known.has(target)) {
        problemsById
          .get(id)!
          .push({ at: ref.at, reason: `inSegment refers to unknown segment ${JSON.stringify(target)}` });
      } else if (state.get(target) === "active") {
        problemsById.get(id)!.push({
          at: ref.at,
          reason: `inSegment(${JSON.stringify(target)}) closes a cycle: segments cannot depend on themselves`,
        });
      } else if (!state.has(target)) {
        visit(target);
      }
    }
    state.set(id, "done");
  };
  for (const id of order) if (!state.has(id)) visit(id);
  for (const list of problemsById.values())
    list.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}

/** Dependencies first; otherwise input order. Assumes no cycles (checked before). */
function dependencyOrder(segments: CheckedSegment[]): string[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const out: string[] = [];
  const placed = new Set<string>();
  const place = (s: CheckedSegment): void => {
    if (placed.has(s.id)) return;
    placed.add(s.id);
    for (const d of s.dependsOn) place(byId.get(d)!);
    out.push(s.id);
  };
  segments.forEach(place);
  return out;
}
