/**
 * Store setup against the real MongoDB-protocol server: `prepareStore` creates the indexes and
 * makes the events' TTL index match the configured retention (created, changed in place, or
 * left alone), the reads that matter walk their indexes, and the server expires old events.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { MongoServerError } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { bucketOf } from "./bucket.js";
import { describeRetention, openStore, prepareStore, profileEventsFilter, type Store } from "./index.js";
import { RETENTION_INDEX } from "./retention-index.js";
import { shardQueries } from "./shard-reader.js";
import { planShards } from "./shards.js";
import { indexesInPlan } from "./testing/plan-indexes.js";

const DAY_MS = 86_400_000;
const PROFILES = 3000;
const EVENTS_PER_PROFILE = 3;

const stores: Store[] = [];
async function freshStore(name: string): Promise<Store> {
  const store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName(name)));
  stores.push(store);
  return store;
}

afterAll(async () => {
  for (const store of stores) {
    await store.db.dropDatabase();
    await store.close();
  }
});

async function retentionIndex(store: Store) {
  return (await store.events.listIndexes().toArray()).find((index) => index.name === RETENTION_INDEX);
}

describe("prepareStore: the retention TTL index", () => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore("prepare_ttl");
  });

  it("opening a store creates no index", async () => {
    await store.events.insertOne({
      profileId: "p",
      bucket: bucketOf("p"),
      type: "t",
      timestamp: new Date(),
      properties: {},
      receivedAt: new Date(),
    });
    expect((await store.events.listIndexes().toArray()).map((index) => index.name)).toEqual(["_id_"]);
  });

  it("creates every index and the TTL index with the configured retention", async () => {
    const setup = await prepareStore(store, { eventRetentionDays: 30 });
    expect(setup.retention).toEqual({ action: "created", days: 30 });
    expect(describeRetention(setup.retention)).toMatch(/created, 30 days/);
    expect(await retentionIndex(store)).toMatchObject({
      key: { timestamp: 1 },
      expireAfterSeconds: 30 * 86_400,
    });
    const names = [
      ...(await store.profiles.listIndexes().toArray()),
      ...(await store.events.listIndexes().toArray()),
    ].map((index) => index.name);
    expect(names).toEqual(expect.arrayContaining(["bucket_id", "bucket_profile_time"]));
    expect(setup.indexes).toEqual(expect.arrayContaining(["bucket_id", "bucket_profile_time"]));
  });

  it("drops the superseded events (profileId, timestamp) index of an older setup", async () => {
    await store.events.createIndex({ profileId: 1, timestamp: 1 }, { name: "profile_time" });
    await prepareStore(store, { eventRetentionDays: 30 });
    const names = (await store.events.listIndexes().toArray()).map((index) => index.name);
    expect(names).not.toContain("profile_time");
    expect(names).toContain("bucket_profile_time");
  });

  it("changes the TTL of the existing index to another configured retention", async () => {
    const setup = await prepareStore(store, { eventRetentionDays: 7 });
    expect(setup.retention).toEqual({ action: "changed", fromDays: 30, days: 7 });
    expect(await retentionIndex(store)).toMatchObject({
      key: { timestamp: 1 },
      expireAfterSeconds: 7 * 86_400,
    });
  });

  it("changes nothing when the retention is already right", async () => {
    const before = await store.events.listIndexes().toArray();
    const setup = await prepareStore(store, { eventRetentionDays: 7 });
    expect(setup.retention).toEqual({ action: "unchanged", days: 7 });
    expect(await store.events.listIndexes().toArray()).toEqual(before);
  });
});

describe("the reads that matter walk their indexes", () => {
  let store: Store;
  const ids = Array.from({ length: PROFILES }, (_, i) => `user-${i}`);

  beforeAll(async () => {
    store = await freshStore("prepare_explain");
    await prepareStore(store, { eventRetentionDays: 400 });
    const now = new Date();
    await store.profiles.insertMany(
      ids.map((id) => ({ _id: id, bucket: bucketOf(id), attributes: {}, createdAt: now, updatedAt: now })),
    );
    await store.events.insertMany(
      ids.flatMap((id) =>
        Array.from({ length: EVENTS_PER_PROFILE }, (_, k) => ({
          profileId: id,
          bucket: bucketOf(id),
          type: `t${k}`,
          timestamp: new Date(now.getTime() - k * DAY_MS),
          properties: {},
          receivedAt: now,
        })),
      ),
    );
  });

  // The first of the default 16 shards: a sixteenth of the buckets.
  const shard = planShards(16)[0]!;

  it("a shard read of profiles: bucket range, sorted by (bucket, _id)", async () => {
    const { filter, profileSort } = shardQueries(shard);
    const plan = await store.profiles.find(filter).sort(profileSort).explain();
    expect(indexesInPlan(plan)).toContain("bucket_id");
  });

  it("a shard read of events: bucket range, sorted by (bucket, profileId, timestamp)", async () => {
    const { filter, eventSort } = shardQueries(shard);
    const plan = await store.events.find(filter).sort(eventSort).explain();
    expect(indexesInPlan(plan)).toContain("bucket_profile_time");
  });

  it("one profile's events in time order (loadProfile)", async () => {
    const plan = await store.events.find(profileEventsFilter(ids[42]!)).sort({ timestamp: 1 }).explain();
    expect(indexesInPlan(plan)).toContain("bucket_profile_time");
  });

  it("a membership write: one profile updated by _id", async () => {
    const filter = { _id: ids[42]! };
    let plan: unknown;
    try {
      plan = await store.db.command({
        explain: { update: "profiles", updates: [{ q: filter, u: { $set: { x: 1 } } }] },
      });
    } catch (error) {
      // FerretDB 2.7 explains no update (NotImplemented): the update finds its document the way
      // a find with the same filter does, so that is explained instead.
      if (!(error instanceof MongoServerError && error.code === 238)) throw error;
      plan = await store.profiles.find(filter).explain();
    }
    expect(indexesInPlan(plan as object)).toContain("_id_");
  });
});

describe("the server expires old events", () => {
  // DocumentDB's TTL task runs once a minute (pg_cron), as MongoDB's TTL monitor does.
  it("removes an event older than the retention and keeps a recent one", { timeout: 150_000 }, async () => {
    const store = await freshStore("prepare_expiry");
    await prepareStore(store, { eventRetentionDays: 1 });
    const now = Date.now();
    const event = (profileId: string, ageMs: number) => ({
      profileId,
      bucket: bucketOf(profileId),
      type: "t",
      timestamp: new Date(now - ageMs),
      properties: {},
      receivedAt: new Date(now),
    });
    await store.events.insertMany([event("old", 2 * DAY_MS), event("recent", 3_600_000)]);
    await vi.waitFor(async () => expect(await store.events.countDocuments({ profileId: "old" })).toBe(0), {
      timeout: 130_000,
      interval: 2000,
    });
    expect(await store.events.countDocuments({ profileId: "recent" })).toBe(1);
  });
});
