/**
 * The streaming evaluation's batched reads and writes: many profiles read in two queries, each
 * with its own events in time order; many conditional membership writes in one bulk write, a
 * profile whose entries changed meanwhile left unwritten and named.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  getProfile,
  insertEvents,
  loadProfiles,
  type MembershipEntry,
  openStore,
  type Store,
  upsertProfiles,
  writeProfileMemberships,
} from "./index.js";

let store: Store;
const day = (d: number) => new Date(Date.UTC(2026, 10, d));

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("profile_batches")));
  const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
  await upsertProfiles(
    store,
    ids.map((id, i) => ({ id, attributes: { n: i } })),
  );
  // Inserted newest first, interleaved across profiles: the read must put each in time order.
  await insertEvents(
    store,
    [5, 3, 1, 4, 2].flatMap((d) => ids.map((profileId) => ({ profileId, type: `t${d}`, timestamp: day(d) }))),
  );
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("loadProfiles", () => {
  it("reads many profiles with their own events in time order; unknown ids are absent", async () => {
    const found = await loadProfiles(store, ["p3", "p17", "nobody", "p3"]);
    expect([...found.keys()].sort()).toEqual(["p17", "p3"]);
    const p17 = found.get("p17")!;
    expect(p17.doc.attributes).toEqual({ n: 17 });
    expect(p17.profile.id).toBe("p17");
    expect(p17.profile.events!.map((e) => e.type)).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    expect(await loadProfiles(store, [])).toEqual(new Map());
  });
});

describe("writeProfileMemberships", () => {
  const entry = (runId: string): MembershipEntry => ({
    status: "realized",
    lastQualificationTime: day(9),
    runId,
    source: "streaming",
  });

  it("writes the profiles whose entries are as read and names the one that changed meanwhile", async () => {
    await store.profiles.updateOne({ _id: "p2" }, { $set: { "segmentMembership.s": entry("other-run") } });
    const conflicted = await writeProfileMemberships(store, [
      { profileId: "p0", entries: { s: entry("e1") }, previous: {} },
      { profileId: "p1", entries: { s: entry("e1"), t: entry("e1") }, previous: {} },
      // Read with no entry, but one was written since.
      { profileId: "p2", entries: { s: entry("e1") }, previous: {} },
      { profileId: "p3", entries: {}, previous: {} },
    ]);
    expect(conflicted).toEqual(new Set(["p2"]));
    expect((await getProfile(store, "p0"))?.segmentMembership?.s?.runId).toBe("e1");
    expect(Object.keys((await getProfile(store, "p1"))?.segmentMembership ?? {}).sort()).toEqual(["s", "t"]);
    expect((await getProfile(store, "p2"))?.segmentMembership?.s?.runId).toBe("other-run");

    // The next write names the entry it read.
    const next = { ...entry("e2"), status: "existing" as const };
    expect(
      await writeProfileMemberships(store, [
        { profileId: "p0", entries: { s: next }, previous: { s: entry("e1") } },
      ]),
    ).toEqual(new Set());
    expect((await getProfile(store, "p0"))?.segmentMembership?.s).toEqual(next);
  });
});
