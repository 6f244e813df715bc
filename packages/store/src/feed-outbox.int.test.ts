/**
 * The feed's outbox against the real server: recorded changes are pending, a claim takes the
 * lowest ids once, a batch left claimed (its publisher died) is found again with its changes, a
 * clear takes them out, and the outbox read walks its partial index.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  claimFeedBatch,
  clearFeedBatch,
  createStoreIndexes,
  feedBatchChanges,
  feedBatchId,
  type MembershipChangeDoc,
  openStore,
  pendingChangeCount,
  recordMembershipChanges,
  type Store,
  unfinishedFeedBatch,
} from "./index.js";
import { indexesInPlan } from "./testing/plan-indexes.js";

let store: Store;
const at = new Date("2026-12-01T00:00:00Z");

const change = (i: number): MembershipChangeDoc => ({
  _id: `run-1:gold:p${String(i).padStart(4, "0")}`,
  profileId: `p${String(i).padStart(4, "0")}`,
  segmentId: "gold",
  status: "realized",
  at,
  runId: "run-1",
  source: "batch",
});

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("feed_outbox")));
  await createStoreIndexes(store);
});
afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("the feed outbox", () => {
  it("records changes pending; a claim takes the lowest ids once; a clear publishes them", async () => {
    // Recorded out of order, and one of them twice (a retried shard).
    await recordMembershipChanges(store, [5, 3, 1, 4, 2].map(change));
    await recordMembershipChanges(store, [change(3)]);
    expect(await pendingChangeCount(store)).toBe(5);

    const first = await claimFeedBatch(store, 2);
    expect(first).toBe(feedBatchId([change(1)._id, change(2)._id]));
    expect((await feedBatchChanges(store, first!)).map((c) => c._id)).toEqual([change(1)._id, change(2)._id]);
    const second = await claimFeedBatch(store, 2);
    expect((await feedBatchChanges(store, second!)).map((c) => c._id)).toEqual([
      change(3)._id,
      change(4)._id,
    ]);

    expect(await clearFeedBatch(store, first!)).toBe(2);
    expect(await clearFeedBatch(store, first!)).toBe(0);
    expect(await feedBatchChanges(store, first!)).toEqual([]);
    // The second batch was claimed and not cleared, as if its publisher had died: found again.
    expect(await unfinishedFeedBatch(store)).toBe(second);
    await clearFeedBatch(store, second!);
    expect(await unfinishedFeedBatch(store)).toBeUndefined();

    const last = await claimFeedBatch(store, 2);
    expect((await feedBatchChanges(store, last!)).map((c) => c._id)).toEqual([change(5)._id]);
    await clearFeedBatch(store, last!);
    expect(await claimFeedBatch(store, 2)).toBeUndefined();
    expect(await pendingChangeCount(store)).toBe(0);

    // Published changes stay in the history, without the outbox fields; recording one again
    // (a retried shard) does not make it pending again.
    const stored = await store.membershipChanges.findOne({ _id: change(1)._id });
    expect(stored).toEqual(change(1));
    await recordMembershipChanges(store, [change(1)]);
    expect(await pendingChangeCount(store)).toBe(0);
  });

  it("the outbox read walks the partial feed_pending index", async () => {
    await recordMembershipChanges(
      store,
      Array.from({ length: 50 }, (_, i) => change(100 + i)),
    );
    const plan = await store.membershipChanges
      .find({ pending: true, feedBatch: null } as never)
      .sort({ _id: 1 })
      .limit(10)
      .explain();
    expect(indexesInPlan(plan)).toContain("feed_pending");
  });
});
