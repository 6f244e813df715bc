/**
 * Connection and collections. Indexes are created at start; the TTL index on events is tried
 * and, where the server has none (FerretDB), retention falls back to the periodic clean-up job.
 */
import { type Collection, type Db, MongoClient } from "mongodb";
import type {
  EventDoc,
  ModelDoc,
  ModelVersionDoc,
  ProfileDoc,
  RunDoc,
  RunShardDoc,
  ScoreShardDoc,
  SegmentDoc,
} from "./documents.js";

export interface Store {
  client: MongoClient;
  db: Db;
  profiles: Collection<ProfileDoc>;
  events: Collection<EventDoc>;
  segments: Collection<SegmentDoc>;
  runs: Collection<RunDoc>;
  runShards: Collection<RunShardDoc>;
  models: Collection<ModelDoc>;
  modelVersions: Collection<ModelVersionDoc>;
  scoreShards: Collection<ScoreShardDoc>;
  /** True when the server expires events by itself (a TTL index exists). */
  ttlRetention: boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Events older than this many days are dropped (TTL index or clean-up job). */
  eventRetentionDays?: number;
  /** Told about degraded features (e.g. no TTL index). */
  warn?: (message: string) => void;
}

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db();
  const store: Store = {
    client,
    db,
    profiles: db.collection<ProfileDoc>("profiles"),
    events: db.collection<EventDoc>("events"),
    segments: db.collection<SegmentDoc>("segments"),
    runs: db.collection<RunDoc>("runs"),
    runShards: db.collection<RunShardDoc>("run_shards"),
    models: db.collection<ModelDoc>("models"),
    modelVersions: db.collection<ModelVersionDoc>("model_versions"),
    scoreShards: db.collection<ScoreShardDoc>("score_shards"),
    ttlRetention: false,
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
  await ensureIndexes(store, options);
  return store;
}

async function ensureIndexes(store: Store, options: StoreOptions): Promise<void> {
  await Promise.all([
    store.profiles.createIndex({ bucket: 1, _id: 1 }, { name: "bucket_id" }),
    // Shard reads stream events in the same order as profiles: (bucket, profileId), then time.
    store.events.createIndex({ bucket: 1, profileId: 1, timestamp: 1 }, { name: "bucket_profile_time" }),
    store.events.createIndex({ profileId: 1, timestamp: 1 }, { name: "profile_time" }),
    store.runs.createIndex({ createdAt: -1 }, { name: "created" }),
    store.runShards.createIndex({ runId: 1, index: 1 }, { name: "run_index" }),
    store.modelVersions.createIndex({ modelId: 1, version: -1 }, { name: "model_version" }),
    store.scoreShards.createIndex({ scoringId: 1, index: 1 }, { name: "scoring_index" }),
  ]);
  const days = options.eventRetentionDays ?? 400;
  try {
    await store.events.createIndex(
      { timestamp: 1 },
      { name: "retention_ttl", expireAfterSeconds: Math.round(days * 86_400) },
    );
    store.ttlRetention = true;
  } catch (error) {
    // FerretDB has no TTL indexes: the worker's clean-up job deletes old events instead.
    options.warn?.(`no TTL index on events (${(error as Error).message}); using the periodic clean-up`);
  }
}
