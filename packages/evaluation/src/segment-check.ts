/**
 * Checking new or changed definitions against the stored ones, so that `inSegment` references
 * resolve and cycles are caught before anything is saved.
 */
import {
  type CheckResult,
  checkSegments,
  type LanguageError,
  parseDefinition,
  type SegmentDefinition,
} from "@segflow/segment-language";
import { listSegments, type Store } from "@segflow/store";

/** Placeholder id for a definition checked without one (`_` cannot start a stored id). */
export const DRAFT_ID = "_draft";

export interface DraftCheck {
  /** Problems caused by the drafts: their own, and any new one elsewhere (a cycle closing in a stored segment). */
  errors: LanguageError[];
  /** The drafts over the stored segments (a draft replaces the stored segment of its id). */
  result: CheckResult;
  definitions: SegmentDefinition[];
}

/**
 * Checks `drafts` together with the stored segments. Only problems the drafts cause count: a
 * stored segment that was already broken is not the caller's problem.
 */
export async function checkDrafts(store: Store, drafts: readonly SegmentDefinition[]): Promise<DraftCheck> {
  const draftIds = new Set(drafts.map((d) => d.id));
  const stored = (await listSegments(store))
    .filter((s) => !draftIds.has(s._id))
    .map((s) => ({ id: s._id, definition: s.definition }));
  const definitions = [...stored, ...drafts];
  const result = checkSegments(definitions);
  const before = new Set(checkSegments(stored).errors.map((e) => e.message));
  const errors = result.errors.filter((e) => draftIds.has(e.segmentId) || !before.has(e.message));

  // A draft that reads a stored segment which is itself broken has no error of its own but
  // cannot be evaluated: say so rather than accept it.
  const usable = new Set(result.segments.map((s) => s.id));
  for (const d of drafts) {
    if (!usable.has(d.id) && !errors.some((e) => e.segmentId === d.id)) {
      errors.push({
        segmentId: d.id,
        line: 1,
        column: 1,
        reason: "reads (through inSegment) a stored segment whose definition does not check",
        message: `segment ${JSON.stringify(d.id)}: 1:1: reads (through inSegment) a stored segment whose definition does not check`,
      });
    }
  }
  return { errors, result, definitions };
}

/** `ids` and, transitively, every segment they read: what compiling them needs. */
export function closure(check: DraftCheck, ids: readonly string[]): SegmentDefinition[] {
  const deps = new Map(check.result.segments.map((s) => [s.id, s.dependsOn]));
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const d of deps.get(id) ?? []) visit(d);
  };
  ids.forEach(visit);
  return check.definitions.filter((d) => needed.has(d.id));
}

/** Ids `inSegment` reads anywhere in a definition's AST (a definition that does not parse reads nothing). */
function referencedIds(definition: string): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      const n = node as { kind?: unknown; segmentId?: unknown };
      if (n.kind === "inSegment" && typeof n.segmentId === "string") found.add(n.segmentId);
      Object.values(node).forEach(walk);
    }
  };
  walk(parseDefinition(definition).ast?.root);
  return found;
}

/** Stored segments other than `id` that read it through `inSegment`. */
export async function dependentsOf(store: Store, id: string): Promise<string[]> {
  const all = await listSegments(store);
  return all.filter((s) => s._id !== id && referencedIds(s.definition).has(id)).map((s) => s._id);
}
