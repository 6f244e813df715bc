/**
 * Every profile with its events, for training: the whole bucket range in one shard read (a
 * merge of two sorted cursors, never one query per profile).
 */
import type { Profile } from "@segflow/segment-language";
import { BUCKETS, readShard, type Store } from "@segflow/store";

export async function* allProfiles(store: Store): AsyncGenerator<Profile> {
  for await (const { profile } of readShard(store, { bucketFrom: 0, bucketTo: BUCKETS })) yield profile;
}
