/**
 * The store against a real MongoDB-protocol server: shard reads merge profiles with their own
 * events in order, membership writes are idempotent, runs fold shard counts once.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bucketOf } from "./bucket.js";
import {
  completeRun,
  createRun,
  getProfile,
  insertEvents,
  membershipTransition,
  openStore,
  planShards,
  readShard,
  recordShard,
  runProgress,
  type Store,
  upsertProfiles,
  writeMemberships,
} from "./index.js";

let store: Store;
const ids = Array.from({ length: 120 }, (_, i) => `user-${i}`);
// Non-ASCII ids: the merge must order strings as the server does (by code point).
ids.push("zoë", "Zoe", "ｚ", "😀-user", "é");

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("store")));
  await upsertProfiles(
    store,
    ids.map((id, i) => ({ id, attributes: { n: i } })),
  );
  const base = Date.parse("2026-11-01T00:00:00Z");
  await insertEvents(
    store,
    ids.flatMap((id, i) =>
      Array.from({ length: i % 4 }, (_, k) => ({
        profileId: id,
        type: `t${k}`,
        // Inserted newest first: reads must come back in time order.
        timestamp: new Date(base + (10 - k) * 3_600_000),
        properties: { k },
      })),
    ),
  );
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("store", () => {
  it("reads every profile exactly once across the shards, each with its own events in time order", async () => {
    const seen = new Map<string, number>();
    for (const shard of planShards(5)) {
      for await (const { doc, profile } of readShard(store, shard)) {
        expect(doc.bucket).toBeGreaterThanOrEqual(shard.bucketFrom);
        expect(doc.bucket).toBeLessThan(shard.bucketTo);
        expect(doc.bucket).toBe(bucketOf(doc._id));
        seen.set(doc._id, (seen.get(doc._id) ?? 0) + 1);
        const i = ids.indexOf(doc._id);
        expect(profile.events).toHaveLength(i % 4);
        const times = profile.events!.map((e) => (e.timestamp as Date).getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const e of profile.events!) expect(e.properties).toHaveProperty("k");
      }
    }
    expect([...seen.keys()].sort()).toEqual([...ids].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it("creates a profile for events that arrive first", async () => {
    await insertEvents(store, [{ profileId: "late-profile", type: "x", timestamp: new Date() }]);
    expect(await getProfile(store, "late-profile")).toMatchObject({
      attributes: {},
      bucket: bucketOf("late-profile"),
    });
  });

  it("writes a membership change once: a repeated write modifies nothing", async () => {
    const now = new Date("2026-11-29T00:00:00Z");
    const t = membershipTransition(undefined, true, "run-a", now);
    const change = [{ profileId: ids[0]!, entries: { seg: t.write! } }];
    expect(await writeMemberships(store, change)).toBe(1);
    expect(await writeMemberships(store, change)).toBe(0);
    const doc = await getProfile(store, ids[0]!);
    expect(doc?.segmentMembership?.seg).toEqual({
      status: "realized",
      lastQualificationTime: now,
      runId: "run-a",
      source: "batch",
    });
  });

  it("derives the run id from the idempotency key and counts a shard reported twice once", async () => {
    const input = {
      segmentIds: ["s"],
      segments: [{ id: "s", definition: "n > 1" }],
      now: new Date(),
      shardsTotal: 2,
    };
    const a = await createRun(store, { ...input, idempotencyKey: "k1" });
    const b = await createRun(store, { ...input, idempotencyKey: "k1" });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, run: { _id: a.run._id } });
    const counts = { s: { realized: 2, existing: 1, exited: 1, total: 3 } };
    await recordShard(store, a.run._id, 0, counts, 10);
    await recordShard(store, a.run._id, 0, counts, 10);
    await recordShard(store, a.run._id, 1, counts, 5);
    expect(await runProgress(store, a.run)).toMatchObject({
      shardsDone: 2,
      shardsTotal: 2,
      profilesDone: 15,
    });
    const done = await completeRun(store, a.run._id);
    expect(done?.counts).toEqual({ s: { realized: 4, existing: 2, exited: 2, total: 6 } });
    expect(done?.profiles).toBe(15);
  });
});
