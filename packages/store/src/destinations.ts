/**
 * Webhook destinations (`destinations`): where the membership feed is delivered. Deleting one
 * drops its deliveries; a deliver job that finds neither the delivery nor its destination any more
 * does nothing.
 */
import { MongoServerError } from "mongodb";
import type { DestinationDoc } from "./documents.js";
import { ONE_BATCH } from "./one-batch.js";
import { DuplicateIdError } from "./segments.js";
import type { Store } from "./store.js";

export interface DestinationInput {
  id: string;
  url: string;
  secret: string;
  /** null: every segment. */
  segments: string[] | null;
}

export async function createDestination(
  store: Store,
  input: DestinationInput,
  now = new Date(),
): Promise<DestinationDoc> {
  const doc: DestinationDoc = {
    _id: input.id,
    url: input.url,
    secret: input.secret,
    segments: input.segments,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await store.destinations.insertOne(doc);
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 11000) {
      throw new DuplicateIdError(`destination ${JSON.stringify(input.id)} already exists`);
    }
    throw error;
  }
  return doc;
}

export function getDestination(store: Store, id: string): Promise<DestinationDoc | null> {
  return store.destinations.findOne({ _id: id });
}

export function listDestinations(store: Store): Promise<DestinationDoc[]> {
  return store.destinations.find({}, ONE_BATCH).sort({ _id: 1 }).toArray();
}

/** Sets the fields given; null when there is no such destination. */
export function updateDestination(
  store: Store,
  id: string,
  patch: Partial<Omit<DestinationInput, "id">>,
  now = new Date(),
): Promise<DestinationDoc | null> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return store.destinations.findOneAndUpdate(
    { _id: id },
    { $set: { ...set, updatedAt: now } },
    { returnDocument: "after" },
  );
}

/** Deletes the destination, then its deliveries (pending and dead alike); false when unknown. */
export async function deleteDestination(store: Store, id: string): Promise<boolean> {
  const result = await store.destinations.deleteOne({ _id: id });
  await store.deliveries.deleteMany({ destinationId: id });
  return result.deletedCount === 1;
}
