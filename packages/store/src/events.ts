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

export interface InsertEventsOptions {
  /** Create the profiles that do not exist yet (default); a bulk load that inserted them passes false. */
  ensureProfiles?: boolean;
  now?: Date;
}

export async function insertEvents(
  store: Store,
  events: readonly EventInput[],
  options: InsertEventsOptions = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const now = options.now ?? new Date();
  const docs: EventDoc[] = events.map((e) => ({
    profileId: e.profileId,
    bucket: bucketOf(e.profileId),
    type: e.type,
    timestamp: e.timestamp,
    properties: e.properties ?? {},
    receivedAt: now,
  }));
  if (options.ensureProfiles !== false) await ensureProfiles(store, events, now);
  const result = await store.events.insertMany(docs, { ordered: false });
  return result.insertedCount;
}

async function ensureProfiles(store: Store, events: readonly EventInput[], now: Date): Promise<void> {
  const ids = [...new Set(events.map((e) => e.profileId))];
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = ids.map((id) => ({
    updateOne: {
      filter: { _id: id },
      update: { $setOnInsert: { bucket: bucketOf(id), attributes: {}, createdAt: now, updatedAt: now } },
      upsert: true,
    },
  }));
  await store.profiles.bulkWrite(ops, { ordered: false });
}
