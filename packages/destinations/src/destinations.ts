/**
 * Registering, changing and removing destinations, and which changes a destination receives.
 * A destination names segments that exist when it is saved; a segment deleted later simply
 * has no more changes to send.
 */
import {
  createDestination,
  type DestinationDoc,
  deleteDestination,
  getDestination,
  listSegments,
  type Store,
  updateDestination,
} from "@segflow/store";
import { DestinationRequestError } from "./errors.js";

export interface DestinationRequest {
  id: string;
  url: string;
  secret: string;
  /** Absent: every segment. */
  segments?: string[];
}

export interface DestinationPatch {
  url?: string;
  secret?: string;
  /** null: every segment. */
  segments?: string[] | null;
}

/** Whether a destination receives the changes of `segmentId`. */
export function receives(destination: Pick<DestinationDoc, "segments">, segmentId: string): boolean {
  return destination.segments === null || destination.segments.includes(segmentId);
}

/** A 404 naming each segment id (by its position in the body) that is not stored. */
async function assertSegmentsExist(store: Store, ids: readonly string[] | null | undefined): Promise<void> {
  if (!ids || ids.length === 0) return;
  const known = new Set((await listSegments(store)).map((s) => s._id));
  const issues = ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [{ path: `segments.${i}`, message: `segment ${JSON.stringify(id)} not found`, code: "not_found" }],
  );
  if (issues.length === 0) return;
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw new DestinationRequestError("not_found", `${first.path}: ${first.message}${more}`, {
    in: "body",
    issues,
  });
}

const unknownDestination = (id: string) =>
  new DestinationRequestError("not_found", `destination ${JSON.stringify(id)} not found`);

/** Stores a new destination (a DuplicateIdError when the id is taken). */
export async function registerDestination(
  store: Store,
  request: DestinationRequest,
): Promise<DestinationDoc> {
  await assertSegmentsExist(store, request.segments);
  return createDestination(store, { ...request, segments: request.segments ?? null });
}

/** Changes what is given; the destination as stored now. */
export async function changeDestination(
  store: Store,
  id: string,
  patch: DestinationPatch,
): Promise<DestinationDoc> {
  if (!(await getDestination(store, id))) throw unknownDestination(id);
  await assertSegmentsExist(store, patch.segments);
  const doc = await updateDestination(store, id, patch);
  if (!doc) throw unknownDestination(id);
  return doc;
}

/** The destination, or a 404. */
export async function requireDestination(store: Store, id: string): Promise<DestinationDoc> {
  const doc = await getDestination(store, id);
  if (!doc) throw unknownDestination(id);
  return doc;
}

/** Deletes a destination and drops its deliveries, pending and dead. */
export async function removeDestination(store: Store, id: string): Promise<void> {
  if (!(await deleteDestination(store, id))) throw unknownDestination(id);
}
