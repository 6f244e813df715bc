/**
 * Checking new or changed definitions against the stored ones, so that `inSegment` references
 * resolve and cycles are caught before anything is saved.
 */
import {
  type CheckResult,
  checkSegments,
  type LanguageError,
  parseSegment,
  type SegmentDefinition,
} from "@segflow/segment-language";
import { listSegments, type Store } from "@segflow/store";

/** Placeholder id for a definition checked without one (`_` cannot start a stored id). */
export const DRAFT_ID = "_draft";

export interface DraftCheck {
  /** Problems caused by the drafts: their own, and any new one elsewhere (a cycle closing in a stored segment). */
  errors: LanguageError[];
  /**
   * The drafts over the stored segments (a draft replaces the stored segment of its id), checked:
   * compile it, or the part of it some segments need (`selectSegments`), without parsing again.
   */
  result: CheckResult;
}

/**
 * Checks `drafts` together with the stored segments. Only problems the drafts cause count: a
 * stored segment that was already broken is not the caller's problem. Each definition is parsed
 * once, though the stored ones are checked twice (with and without the drafts).
 */
export async function checkDrafts(store: Store, drafts: readonly SegmentDefinition[]): Promise<DraftCheck> {
  const draftIds = new Set(drafts.map((d) => d.id));
  const stored = (await listSegments(store))
    .filter((s) => !draftIds.has(s._id))
    .map((s) => parseSegment({ id: s._id, definition: s.definition }));
  const result = checkSegments([...stored, ...drafts]);
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
  return { errors, result };
}

/** Stored segments other than `id` that read it through `inSegment`. */
export async function dependentsOf(store: Store, id: string): Promise<string[]> {
  const all = await listSegments(store);
  return all
    .filter(
      (s) => s._id !== id && parseSegment({ id: s._id, definition: s.definition }).dependsOn.includes(id),
    )
    .map((s) => s._id);
}
