/**
 * One profile's events. The profile's bucket is a function of its id, so the filter names both:
 * `(bucket, profileId)` is an exact prefix of the shard-read index `(bucket, profileId,
 * timestamp)`, which then serves these reads in time order too, and `events` carries one index
 * fewer to maintain on every insert.
 */
import { bucketOf } from "./bucket.js";
import type { EventDoc } from "./documents.js";
import { ONE_BATCH } from "./one-batch.js";
import type { Store } from "./store.js";

export type StoredEvent = Pick<EventDoc, "type" | "timestamp" | "properties">;

const PROJECTION = { _id: 0, type: 1, timestamp: 1, properties: 1 } as const;

export function profileEventsFilter(profileId: string): { bucket: number; profileId: string } {
  return { bucket: bucketOf(profileId), profileId };
}

/** Every event of the profile, oldest first. */
export function profileEvents(store: Store, profileId: string): Promise<StoredEvent[]> {
  return store.events
    .find(profileEventsFilter(profileId), { ...ONE_BATCH, projection: PROJECTION })
    .sort({ timestamp: 1 })
    .toArray() as Promise<StoredEvent[]>;
}

/** The profile's latest `limit` events, newest first. */
export function recentEvents(store: Store, profileId: string, limit: number): Promise<StoredEvent[]> {
  if (limit === 0) return Promise.resolve([]);
  return store.events
    .find(profileEventsFilter(profileId), { batchSize: limit, projection: PROJECTION })
    .sort({ timestamp: -1 })
    .limit(limit)
    .toArray() as Promise<StoredEvent[]>;
}
