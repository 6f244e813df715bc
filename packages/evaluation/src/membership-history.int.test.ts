/**
 * A profile's membership history: two runs over changed data record realized, then exited, each
 * at its run's `now`; a repeated shard, or one retried after a crash between its history and
 * membership writes, records nothing twice.
 */
import {
  createSegment,
  membershipHistory,
  openStore,
  planShards,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { evaluateShard, startRun } from "./index.js";

let store: Store;
const first = new Date("2026-11-01T12:00:00Z");
const second = new Date("2026-11-02T12:00:00Z");
const all = planShards(1)[0]!;

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("membership_history")));
  await upsertProfiles(store, [
    { id: "a", attributes: { tier: "gold" } },
    { id: "b", attributes: { tier: "silver" } },
  ]);
  await createSegment(store, { id: "gold", name: "gold", definition: 'tier = "gold"' });
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

const history = async (profileId: string) =>
  (await membershipHistory(store, profileId, 100)).map(({ segmentId, status, at, runId, source }) => ({
    segmentId,
    status,
    at,
    runId,
    source,
  }));

describe("membership history", () => {
  it("records realized then exited, newest first, and nothing twice", async () => {
    const { run: run1 } = await startRun(store, { now: first, shardCount: 1 });
    await evaluateShard(store, run1, all);
    await evaluateShard(store, run1, all); // a repeated shard: no new change

    await upsertProfiles(store, [{ id: "a", attributes: { tier: "silver" } }]);
    const { run: run2 } = await startRun(store, { now: second, shardCount: 1 });
    await evaluateShard(store, run2, all);
    await evaluateShard(store, run2, all);

    expect(await history("a")).toEqual([
      { segmentId: "gold", status: "exited", at: second, runId: run2._id, source: "batch" },
      { segmentId: "gold", status: "realized", at: first, runId: run1._id, source: "batch" },
    ]);
    expect(await history("b")).toEqual([]);
    expect(await membershipHistory(store, "a", 1)).toHaveLength(1);
  });

  it("a shard retried after its history was recorded but not its memberships records nothing twice", async () => {
    await upsertProfiles(store, [{ id: "c", attributes: { tier: "gold" } }]);
    const { run } = await startRun(store, { now: new Date("2026-11-03T12:00:00Z"), shardCount: 1 });
    await evaluateShard(store, run, all);
    const recorded = await store.membershipChanges.countDocuments({ runId: run._id });
    expect(recorded).toBe(1); // c realized
    // As if the attempt had crashed after its history write: its memberships are not there.
    await store.profiles.updateOne({ _id: "c" }, { $unset: { segmentMembership: "" } });
    await evaluateShard(store, run, all);
    expect(await store.membershipChanges.countDocuments({ runId: run._id })).toBe(recorded);
    expect((await store.profiles.findOne({ _id: "c" }))?.segmentMembership?.gold?.runId).toBe(run._id);
  });
});
