/**
 * Live lookups: the stored segments compiled once and again only when the stored set changes
 * (whoever changed it), and a profile evaluated at an instant with nothing written.
 */
import {
  createSegment,
  deleteSegment,
  insertEvents,
  openStore,
  type Store,
  updateSegment,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LiveSegments, liveMembership } from "./index.js";

let store: Store;
let clock = 0;
const TTL = 1000;
const live = () => new LiveSegments(store, { ttlMs: TTL, clock: () => clock });
const NOW = Date.parse("2026-11-29T12:00:00Z");
/** A change's updatedAt, later than any before it (two writes in one millisecond would look alike). */
let stamp = Date.now() + 60_000;
const later = () => {
  stamp += 1000;
  return new Date(stamp);
};

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("live_segments")));
  await upsertProfiles(store, [
    { id: "a", attributes: { tier: "gold" } },
    { id: "b", attributes: { tier: "silver" } },
  ]);
  await insertEvents(store, [
    { profileId: "a", type: "purchase", timestamp: new Date(NOW - 2 * 86_400_000), properties: {} },
    // After NOW: it does not exist at NOW, and does an hour later.
    { profileId: "b", type: "purchase", timestamp: new Date(NOW + 1000), properties: {} },
  ]);
  await createSegment(store, { id: "gold", name: "gold", definition: 'tier = "gold"' });
  await createSegment(store, {
    id: "buyers",
    name: "buyers",
    definition: 'exists(events where type = "purchase" and timestamp within last 7 days)',
  });
  await createSegment(store, {
    id: "gold-buyers",
    name: "gb",
    definition: 'inSegment("buyers") and inSegment("gold")',
  });
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("LiveSegments", () => {
  it("compiles once; within the ttl the set is reused as is; after it, an unchanged set is not compiled again", async () => {
    const cache = live();
    const first = await cache.current();
    expect(first.ids).toEqual(["buyers", "gold", "gold-buyers"]);
    expect(first.generation).toBe(1);
    // Within the ttl even a change is not looked for.
    await updateSegment(store, "gold", { name: "Gold" }, later());
    expect(await cache.current()).toBe(first);
    clock += TTL;
    const second = await cache.current(); // the name changed: updatedAt did
    expect(second.generation).toBe(2);
    clock += TTL;
    expect(await cache.current()).toBe(second);
  });

  it("sees a definition changed, a segment created and one deleted by anyone, after the ttl", async () => {
    const cache = live();
    await cache.current();
    await updateSegment(store, "gold", { definition: 'tier = "silver"' }, later());
    await createSegment(store, { id: "all", name: "all", definition: "true" });
    clock += TTL;
    let set = await cache.current();
    expect(set.ids).toEqual(["all", "buyers", "gold", "gold-buyers"]);
    expect(await liveMembership(store, cache, "b", NOW)).toMatchObject({ segments: ["all", "gold"] });

    await deleteSegment(store, "all");
    await updateSegment(store, "gold", { definition: 'tier = "gold"' }, later());
    clock += TTL;
    set = await cache.current();
    expect(set.ids).toEqual(["buyers", "gold", "gold-buyers"]);
  });

  it("concurrent lookups share one check and one compile", async () => {
    const cache = live();
    const sets = await Promise.all(Array.from({ length: 5 }, () => cache.current()));
    expect(new Set(sets).size).toBe(1);
    expect(sets[0]!.generation).toBe(1);
  });

  it("leaves out a stored definition that does not check, and what reads it", async () => {
    // Only a database written by other means than the API holds one.
    const at = new Date();
    await store.segments.insertOne({
      _id: "broken",
      name: "broken",
      definition: "tier = ",
      streaming: false,
      schedule: null,
      createdAt: at,
      updatedAt: at,
    });
    await store.segments.insertOne({
      _id: "reads-broken",
      name: "reads broken",
      definition: 'inSegment("broken")',
      streaming: false,
      schedule: null,
      createdAt: at,
      updatedAt: at,
    });
    try {
      const set = await live().current();
      expect(set.ids).toEqual(["buyers", "gold", "gold-buyers"]);
      expect(set.unevaluable).toEqual(["broken", "reads-broken"]);
    } finally {
      await store.segments.deleteMany({ _id: { $in: ["broken", "reads-broken"] } });
    }
  });
});

describe("liveMembership", () => {
  it("evaluates every segment at the instant, events after it not existing; null for an unknown profile", async () => {
    const cache = live();
    expect((await liveMembership(store, cache, "a", NOW))?.segments).toEqual([
      "buyers",
      "gold",
      "gold-buyers",
    ]);
    expect((await liveMembership(store, cache, "b", NOW))?.segments).toEqual([]);
    expect((await liveMembership(store, cache, "b", NOW + 3_600_000))?.segments).toEqual(["buyers"]);
    expect((await liveMembership(store, cache, "a", NOW + 8 * 86_400_000))?.segments).toEqual(["gold"]);
    expect(await liveMembership(store, cache, "nobody", NOW)).toBeNull();
  });

  it("writes nothing", async () => {
    const before = await store.profiles.find({}).sort({ _id: 1 }).toArray();
    await liveMembership(store, live(), "a", NOW);
    expect(await store.profiles.find({}).sort({ _id: 1 }).toArray()).toEqual(before);
    expect(await store.membershipChanges.countDocuments({})).toBe(0);
  });
});
