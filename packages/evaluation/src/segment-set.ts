/**
 * Which definitions a run needs: the requested segments and, transitively, every segment they
 * read through `inSegment`, as stored when the run starts.
 */
import { checkSegments } from "@segflow/segment-language";
import { listSegments, type SegmentDoc, type Store } from "@segflow/store";
import { InvalidRequestError, NotFoundError } from "./errors.js";

export interface RunSegments {
  segmentIds: string[];
  segments: { id: string; definition: string }[];
}

export async function resolveRunSegments(store: Store, requested?: readonly string[]): Promise<RunSegments> {
  const all = await listSegments(store);
  const byId = new Map<string, SegmentDoc>(all.map((s) => [s._id, s]));
  const segmentIds = requested && requested.length > 0 ? [...new Set(requested)] : all.map((s) => s._id);
  const unknown = segmentIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new NotFoundError(`unknown segment ids: ${unknown.join(", ")}`);

  const { segments: checked, errors } = checkSegments(
    all.map((s) => ({ id: s._id, definition: s.definition })),
  );
  const deps = new Map(checked.map((s) => [s.id, s.dependsOn]));
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const d of deps.get(id) ?? []) visit(d);
  };
  segmentIds.forEach(visit);
  const broken = errors.filter((e) => needed.has(e.segmentId));
  if (broken.length > 0) {
    throw new InvalidRequestError("stored definitions do not check", broken);
  }
  return {
    segmentIds,
    segments: all.filter((s) => needed.has(s._id)).map((s) => ({ id: s._id, definition: s.definition })),
  };
}
