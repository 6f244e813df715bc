/**
 * Segment definitions. Ids are used as field names under `segmentMembership`, so they are
 * restricted to letters, digits, `_` and `-` (checked by the API).
 */
import { MongoServerError } from "mongodb";
import type { SegmentDoc } from "./documents.js";
import { ONE_BATCH } from "./one-batch.js";
import type { Store } from "./store.js";

export const SEGMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class DuplicateIdError extends Error {
  override name = "DuplicateIdError";
}

export interface SegmentInput {
  id: string;
  name: string;
  definition: string;
  streaming?: boolean;
  schedule?: string | null;
}

export async function createSegment(
  store: Store,
  input: SegmentInput,
  now = new Date(),
): Promise<SegmentDoc> {
  const doc: SegmentDoc = {
    _id: input.id,
    name: input.name,
    definition: input.definition,
    streaming: input.streaming ?? false,
    schedule: input.schedule ?? null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await store.segments.insertOne(doc);
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 11000) {
      throw new DuplicateIdError(`segment ${JSON.stringify(input.id)} already exists`);
    }
    throw error;
  }
  return doc;
}

export function getSegment(store: Store, id: string): Promise<SegmentDoc | null> {
  return store.segments.findOne({ _id: id });
}

export function listSegments(store: Store): Promise<SegmentDoc[]> {
  return store.segments.find({}, ONE_BATCH).sort({ _id: 1 }).toArray();
}

export async function updateSegment(
  store: Store,
  id: string,
  patch: Partial<Omit<SegmentInput, "id">>,
  now = new Date(),
): Promise<SegmentDoc | null> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return store.segments.findOneAndUpdate(
    { _id: id },
    { $set: { ...set, updatedAt: now } },
    { returnDocument: "after" },
  );
}

export async function deleteSegment(store: Store, id: string): Promise<boolean> {
  const result = await store.segments.deleteOne({ _id: id });
  return result.deletedCount === 1;
}

/**
 * Each segment's id and `updatedAt`, in id order: what tells a cache of compiled segments that
 * the stored set changed, without reading the definitions.
 */
export function segmentStamps(store: Store): Promise<Pick<SegmentDoc, "_id" | "updatedAt">[]> {
  return store.segments
    .find({}, { ...ONE_BATCH, projection: { _id: 1, updatedAt: 1 } })
    .sort({ _id: 1 })
    .toArray();
}
