/**
 * Many profiles read at once, for the streaming evaluation: one query for the profiles and one
 * for all their events, instead of two per profile. Each round trip to the database costs more
 * than the documents it carries (the local FerretDB above all), so concurrent evaluations share
 * them (packages/evaluation, streaming-evaluator.ts).
 */
import type { Profile } from "@segflow/segment-language";
import { bucketOf } from "./bucket.js";
import type { EventDoc, ProfileDoc } from "./documents.js";
import { ONE_BATCH } from "./one-batch.js";
import type { StoredEvent } from "./profile-events.js";
import { toProfile } from "./profiles.js";
import type { Store } from "./store.js";

export interface LoadedProfile {
  doc: ProfileDoc;
  profile: Profile;
}

const EVENT_FIELDS = { _id: 0, profileId: 1, type: 1, timestamp: 1, properties: 1 } as const;

/**
 * The stored profiles among `ids` with all their events (oldest first), by id; an id with no
 * stored profile is absent from the map.
 */
export async function loadProfiles(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, LoadedProfile>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const buckets = [...new Set(unique.map(bucketOf))];
  const [docs, events] = await Promise.all([
    store.profiles.find({ _id: { $in: unique } }, ONE_BATCH).toArray(),
    // The filter and the sort are the shard-read index `(bucket, profileId, timestamp)`: it serves
    // the read and gives each profile's events in time order, as a profile's own read does.
    store.events
      .find(
        { bucket: { $in: buckets }, profileId: { $in: unique } },
        { ...ONE_BATCH, projection: EVENT_FIELDS },
      )
      .sort({ bucket: 1, profileId: 1, timestamp: 1 })
      .toArray() as Promise<(StoredEvent & Pick<EventDoc, "profileId">)[]>,
  ]);
  const byProfile = new Map<string, StoredEvent[]>();
  for (const { profileId, ...event } of events) {
    const list = byProfile.get(profileId);
    if (list) list.push(event);
    else byProfile.set(profileId, [event]);
  }
  return new Map(
    docs.map((doc) => [doc._id, { doc, profile: toProfile(doc, byProfile.get(doc._id) ?? []) }]),
  );
}
