/**
 * Streams one shard (a bucket range) of profiles together with their events: two cursors in
 * the same (bucket, profile id) order, merged, never one query per profile. On MongoDB both
 * reads walk an index. FerretDB (the local stand-in) pushes neither the range nor the sort down
 * and sorts in memory: correct, only slower, so the code stays what is right for MongoDB.
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

export async function* readShard(
  store: Store,
  range: Pick<ShardRange, "bucketFrom" | "bucketTo">,
  options: { withEvents?: boolean } = {},
): AsyncGenerator<ShardProfile> {
  const inRange = { bucket: { $gte: range.bucketFrom, $lt: range.bucketTo } };
  const profiles = store.profiles.find(inRange, { batchSize: 1000 }).sort({ bucket: 1, _id: 1 });
  const events =
    options.withEvents === false
      ? null
      : store.events
          .find(inRange, {
            batchSize: 5000,
            projection: { _id: 0, profileId: 1, bucket: 1, type: 1, timestamp: 1, properties: 1 },
          })
          .sort({ bucket: 1, profileId: 1, timestamp: 1 });
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
