/**
 * Connection and collections, nothing more: indexes and retention are set once, by the API at
 * start (`prepareStore`, ARCHITECTURE.md "Store setup"), so a worker or trainer that opens the
 * store never changes them.
 */
import { type Collection, type Db, MongoClient } from "mongodb";
import type {
  DeliveryDoc,
  DestinationDoc,
  EventDoc,
  FeedPublishedDoc,
  MembershipChangeDoc,
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
  membershipChanges: Collection<MembershipChangeDoc>;
  /** The membership feed's outbox: copies of the changes not yet published (feed-outbox.ts). */
  feedOutbox: Collection<MembershipChangeDoc>;
  feedPublished: Collection<FeedPublishedDoc>;
  destinations: Collection<DestinationDoc>;
  deliveries: Collection<DeliveryDoc>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(url: string): Promise<Store> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 10_000,
    // The driver's default `fieldsAsRaw` is `{}`, and bson looks a field's name up in it with
    // `fieldsAsRaw[name]`: an array named `toString`, `constructor` or `__proto__` finds
    // Object.prototype's member, and its objects came back as raw Buffers. No prototype, no match.
    fieldsAsRaw: Object.create(null),
  });
  await client.connect();
  const db = client.db();
  return {
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
    membershipChanges: db.collection<MembershipChangeDoc>("membership_changes"),
    feedOutbox: db.collection<MembershipChangeDoc>("feed_outbox"),
    feedPublished: db.collection<FeedPublishedDoc>("feed_published"),
    destinations: db.collection<DestinationDoc>("destinations"),
    deliveries: db.collection<DeliveryDoc>("deliveries"),
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
