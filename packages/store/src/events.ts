/**
 * Events: appended in bulk, each carrying its profile's bucket so that shard reads find them
 * by bucket range. Creates profiles that do not exist yet (empty attributes), so an event
 * stream may start before the profile feed.
 */
import type { AnyBulkWriteOperation } from "mongodb";
import { bucketOf } from "./bucket.js";
import type { EventDoc, ProfileDoc } from "./documents.js";
import type { Store } from "./store.js";

export interface EventInput {
  profileId: string;
  type: string;
  timestamp: Date;
  properties?: Record<string, unknown>;
}

export async function insertEvents(
  store: Store,
  events: readonly EventInput[],
  now = new Date(),
): Promise<number> {
  if (events.length === 0) return 0;
  const docs: EventDoc[] = events.map((e) => ({
    profileId: e.profileId,
    bucket: bucketOf(e.profileId),
    type: e.type,
    timestamp: e.timestamp,
    properties: e.properties ?? {},
    receivedAt: now,
  }));
  const ids = [...new Set(events.map((e) => e.profileId))];
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = ids.map((id) => ({
    updateOne: {
      filter: { _id: id },
      update: { $setOnInsert: { bucket: bucketOf(id), attributes: {}, createdAt: now, updatedAt: now } },
      upsert: true,
    },
  }));
  await store.profiles.bulkWrite(ops, { ordered: false });
  const result = await store.events.insertMany(docs, { ordered: false });
  return result.insertedCount;
}

/** Retention: deletes events whose timestamp is before `cutoff`. */
export async function deleteEventsBefore(store: Store, cutoff: Date): Promise<number> {
  const result = await store.events.deleteMany({ timestamp: { $lt: cutoff } });
  return result.deletedCount;
}
