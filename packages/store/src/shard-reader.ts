/**
 * Streams one shard (a bucket range) of profiles together with their events: two cursors in
 * the same (bucket, profile id) order, merged, never one query per profile. On MongoDB both
 * reads walk an index in order. DocumentDB (under FerretDB 2, the local stand-in) finds the
 * range through the same indexes but sorts what it found in memory (its `explain` says so).
 */
import { compareCodePoints, type Profile, type ProfileEvent } from "@segflow/segment-language";
import type { EventDoc, ProfileDoc } from "./documents.js";
import type { ShardRange } from "./shards.js";
import type { Store } from "./store.js";

export interface ShardProfile {
  doc: ProfileDoc;
  profile: Profile;
}

type EventRow = Pick<EventDoc, "profileId" | "bucket" | "type" | "timestamp" | "properties">;

function order(bucketA: number, idA: string, bucketB: number, idB: string): number {
  return bucketA - bucketB || compareCodePoints(idA, idB);
}

/** The filter and sorts of a shard read, exported so that the index test explains these very queries. */
export function shardQueries(range: Pick<ShardRange, "bucketFrom" | "bucketTo">) {
  return {
    filter: { bucket: { $gte: range.bucketFrom, $lt: range.bucketTo } },
    profileSort: { bucket: 1, _id: 1 },
    eventSort: { bucket: 1, profileId: 1, timestamp: 1 },
  } as const;
}

export async function* readShard(
  store: Store,
  range: Pick<ShardRange, "bucketFrom" | "bucketTo">,
  options: { withEvents?: boolean } = {},
): AsyncGenerator<ShardProfile> {
  const { filter, profileSort, eventSort } = shardQueries(range);
  const profiles = store.profiles.find(filter, { batchSize: 1000 }).sort(profileSort);
  const events =
    options.withEvents === false
      ? null
      : store.events
          .find(filter, {
            batchSize: 5000,
            projection: { _id: 0, profileId: 1, bucket: 1, type: 1, timestamp: 1, properties: 1 },
          })
          .sort(eventSort);
  try {
    let pending: EventRow | null = events ? ((await events.next()) as EventRow | null) : null;
    for await (const doc of profiles) {
      const own: ProfileEvent[] = [];
      // Events of profiles that are not stored (none should exist) are passed over.
      while (pending && order(pending.bucket, pending.profileId, doc.bucket, doc._id) < 0) {
        pending = (await events!.next()) as EventRow | null;
      }
      while (pending && pending.bucket === doc.bucket && pending.profileId === doc._id) {
        own.push({ type: pending.type, timestamp: pending.timestamp, properties: pending.properties });
        pending = (await events!.next()) as EventRow | null;
      }
      yield {
        doc,
        profile: { id: doc._id, attributes: doc.attributes, scores: doc.scores ?? {}, events: own },
      };
    }
  } finally {
    await Promise.all([profiles.close(), events?.close()]);
  }
}
