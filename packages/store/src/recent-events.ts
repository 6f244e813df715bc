/** A profile's latest events, newest first: one index walk of `(profileId, timestamp)` backwards. */
import type { EventDoc } from "./documents.js";
import type { Store } from "./store.js";

export type StoredEvent = Pick<EventDoc, "type" | "timestamp" | "properties">;

export function recentEvents(store: Store, profileId: string, limit: number): Promise<StoredEvent[]> {
  if (limit === 0) return Promise.resolve([]);
  return store.events
    .find({ profileId }, { projection: { _id: 0, type: 1, timestamp: 1, properties: 1 } })
    .sort({ timestamp: -1 })
    .limit(limit)
    .toArray() as Promise<StoredEvent[]>;
}
