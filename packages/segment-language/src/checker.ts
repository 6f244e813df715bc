/**
 * Checks definitions before anything runs (docs/segment-language.md, "Types and checks"): each
 * definition on its own (syntax, types, event-filter rules: {@link parseSegment}), then the set
 * (duplicate ids, `inSegment` references and cycles). Reports every error found, in definition
 * order. The result is what `compileSegments` compiles: a definition set is parsed once.
 */
import type { SegmentAst } from "./ast.js";
import { type LanguageError, type Problem, toLanguageError } from "./errors.js";
import { parseDefinition } from "./parser.js";
import { typeProblems } from "./types.js";
import { dependsOn, inSegmentRefs } from "./walk.js";

export interface SegmentDefinition {
  id: string;
  definition: string;
}

/**
 * One definition parsed and type-checked on its own, before any check of the set: it can go
 * into several set checks (with and without a draft) without being parsed again.
 */
export interface ParsedSegment extends SegmentDefinition {
  /** Absent when the definition does not parse. */
  readonly ast: SegmentAst | undefined;
  /** Its own syntax and type problems; the set's checks add theirs on top. */
  readonly problems: readonly Problem[];
  /** Ids it reads through `inSegment`, in source order, without repeats (none when it does not parse). */
  readonly dependsOn: readonly string[];
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
  /**
   * Every definition, valid or not, in input order (a repeated id once, as first given): the
   * text and the dependency graph of the whole set.
   */
  definitions: ParsedSegment[];
}

/** Parses and type-checks one definition on its own, ready to go into {@link checkSegments}. */
export function parseSegment({ id, definition }: SegmentDefinition): ParsedSegment {
  const { ast, problems } = parseDefinition(definition);
  if (ast) problems.push(...typeProblems(ast.root));
  return { id, definition, ast, problems, dependsOn: ast ? dependsOn(ast.root) : [] };
}

const isParsed = (d: SegmentDefinition | ParsedSegment): d is ParsedSegment => "problems" in d;

/**
 * Checks a set of definitions together. Entries already parsed ({@link parseSegment}) are not
 * parsed again.
 */
export function checkSegments(definitions: readonly (SegmentDefinition | ParsedSegment)[]): CheckResult {
  const problemsById = new Map<string, Problem[]>();
  const parsed = new Map<string, SegmentAst>();
  const seen = new Set<string>();
  const order: string[] = [];
  const kept = new Map<string, ParsedSegment>();

  for (const input of definitions) {
    const { id } = input;
    if (seen.has(id)) {
      // Reported under the id, at the start of the repeated definition.
      problemsById
        .get(id)!
        .push({ at: { line: 1, column: 1 }, reason: `duplicate segment id ${JSON.stringify(id)}` });
      continue;
    }
    seen.add(id);
    order.push(id);
    const segment = isParsed(input) ? input : parseSegment(input);
    kept.set(id, segment);
    problemsById.set(id, [...segment.problems]);
    if (segment.ast && segment.problems.length === 0) parsed.set(id, segment.ast);
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
    segments.push({ id, ast, dependsOn: [...kept.get(id)!.dependsOn] });
  }

  const errors = order.flatMap((id) => problemsById.get(id)!.map((p) => toLanguageError(id, p)));
  return { segments, errors, evaluationOrder: dependencyOrder(segments), definitions: [...kept.values()] };
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

/**
 * The part of a checked set that evaluating `ids` needs: those segments and, transitively, every
 * segment they read through `inSegment`, with their errors. Compiling it compiles only them.
 */
export function selectSegments(checked: CheckResult, ids: readonly string[]): CheckResult {
  const byId = new Map(checked.definitions.map((d) => [d.id, d]));
  const needed = new Set<string>();
  const visit = (id: string): void => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d);
  };
  ids.forEach(visit);
  return {
    segments: checked.segments.filter((s) => needed.has(s.id)),
    errors: checked.errors.filter((e) => needed.has(e.segmentId)),
    evaluationOrder: checked.evaluationOrder.filter((id) => needed.has(id)),
    definitions: checked.definitions.filter((d) => needed.has(d.id)),
  };
}
