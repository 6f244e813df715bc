/**
 * Which definitions a run needs: the requested segments and, transitively, every segment they
 * read through `inSegment`, as stored when the run starts.
 */
import { type CheckResult, checkSegments, selectSegments } from "@segflow/segment-language";
import { listSegments, type SegmentDoc, type Store } from "@segflow/store";
import { InvalidRequestError, NotFoundError } from "./errors.js";

export interface RunSegments {
  segmentIds: string[];
  /** The definitions as stored: what a run freezes. */
  segments: { id: string; definition: string }[];
  /** The same definitions, checked: compile them without parsing again. */
  checked: CheckResult;
}

export async function resolveRunSegments(store: Store, requested?: readonly string[]): Promise<RunSegments> {
  const all = await listSegments(store);
  const byId = new Map<string, SegmentDoc>(all.map((s) => [s._id, s]));
  const segmentIds = requested && requested.length > 0 ? [...new Set(requested)] : all.map((s) => s._id);
  const unknown = segmentIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new NotFoundError(`unknown segment ids: ${unknown.join(", ")}`);

  const checked = selectSegments(
    checkSegments(all.map((s) => ({ id: s._id, definition: s.definition }))),
    segmentIds,
  );
  if (checked.errors.length > 0) {
    throw new InvalidRequestError("stored definitions do not check", checked.errors);
  }
  return {
    segmentIds,
    segments: checked.definitions.map(({ id, definition }) => ({ id, definition })),
    checked,
  };
}
