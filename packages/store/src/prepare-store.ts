/**
 * Store setup, run once by the API at start (ARCHITECTURE.md, "Store setup"): every index the
 * reads and writes rely on, and the TTL index that expires events after the configured
 * retention. Workers and trainers never call it, so the retention a deployment gets does not
 * depend on which process started first. Tools that fill a database and read it back before
 * any API has started (the CLI's seed, the benchmark) create the read indexes alone
 * (`createStoreIndexes`) and leave the retention to the API.
 */
import { FEED_PUBLISHED_TTL_SECONDS } from "./feed-outbox.js";
import { ensureRetentionIndex, type RetentionIndexChange } from "./retention-index.js";
import type { Store } from "./store.js";

interface StoreIndex {
  collection:
    | "profiles"
    | "events"
    | "runs"
    | "runShards"
    | "modelVersions"
    | "scoreShards"
    | "membershipChanges"
    | "feedPublished"
    | "deliveries";
  key: Record<string, 1 | -1>;
  name: string;
  /** A TTL index: documents expire this long after the indexed instant. */
  expireAfterSeconds?: number;
}

/** Every index but the retention TTL; creating one that exists with the same options is a no-op. */
const STORE_INDEXES: readonly StoreIndex[] = [
  // Shard reads stream profiles by (bucket, id) and their events in the same order, then by time.
  { collection: "profiles", key: { bucket: 1, _id: 1 }, name: "bucket_id" },
  // Also one profile's events: their filter names the profile's bucket (profile-events.ts).
  { collection: "events", key: { bucket: 1, profileId: 1, timestamp: 1 }, name: "bucket_profile_time" },
  { collection: "runs", key: { createdAt: -1 }, name: "created" },
  { collection: "runShards", key: { runId: 1, index: 1 }, name: "run_index" },
  { collection: "modelVersions", key: { modelId: 1, version: -1 }, name: "model_version" },
  { collection: "scoreShards", key: { scoringId: 1, index: 1 }, name: "scoring_index" },
  // A profile's membership history, newest first (membership-changes.ts).
  { collection: "membershipChanges", key: { profileId: 1, at: 1 }, name: "profile_at" },
  // The feed (feed-outbox.ts): a publish batch's changes, to resume it; published changes are
  // kept a week (a retried recorder comes back within minutes), not forever.
  { collection: "feedPublished", key: { batchId: 1 }, name: "batch" },
  {
    collection: "feedPublished",
    key: { at: 1 },
    name: "published_ttl",
    expireAfterSeconds: FEED_PUBLISHED_TTL_SECONDS,
  },
  // A destination's dead letters, in id order (deliveries.ts).
  { collection: "deliveries", key: { destinationId: 1, status: 1, _id: 1 }, name: "destination_status" },
];

export interface PrepareStoreOptions {
  /** Events whose timestamp is older than this many days are expired by the server's TTL index. */
  eventRetentionDays: number;
}

export interface StoreSetup {
  /** The names of the indexes ensured, besides the retention index. */
  indexes: string[];
  retention: RetentionIndexChange;
}

export async function prepareStore(store: Store, options: PrepareStoreOptions): Promise<StoreSetup> {
  const indexes = await createStoreIndexes(store);
  const retention = await ensureRetentionIndex(store.events, options.eventRetentionDays);
  return { indexes, retention };
}

/** Every index but the retention TTL; returns their names. */
export async function createStoreIndexes(store: Store): Promise<string[]> {
  await Promise.all([
    ...STORE_INDEXES.map(({ collection, key, name, expireAfterSeconds }) =>
      store[collection].createIndex(key, { name, ...(expireAfterSeconds && { expireAfterSeconds }) }),
    ),
    dropSuperseded(store),
  ]);
  return STORE_INDEXES.map((index) => index.name);
}

/** `events (profileId, timestamp)`, which stores set up before profile reads named the bucket had. */
async function dropSuperseded(store: Store): Promise<void> {
  const names = (
    await store.events
      .listIndexes()
      .toArray()
      .catch(() => [])
  ).map((i) => i.name as string);
  if (names.includes("profile_time")) await store.events.dropIndex("profile_time");
}
