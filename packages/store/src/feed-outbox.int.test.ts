/**
 * The feed's outbox against the real server: recording puts a copy of each change in the outbox
 * (once, however often it is recorded); a batch takes the lowest ids and claims them; a batch left
 * claimed (its publisher died) is resumed whole; a published change recorded again (a retried
 * shard) comes back as its old batch, not as a new one; the claims expire by a TTL index.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createStoreIndexes,
  FEED_PUBLISHED_TTL_SECONDS,
  feedBatchId,
  finishFeedBatch,
  type MembershipChangeDoc,
  nextFeedBatch,
  openStore,
  pendingChangeCount,
  recordMembershipChanges,
  type Store,
} from "./index.js";

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
const ids = (docs: readonly { _id: string }[]) => docs.map((d) => d._id);

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("feed_outbox")));
  await createStoreIndexes(store);
});
beforeEach(async () => {
  await Promise.all([
    store.membershipChanges.deleteMany({}),
    store.feedOutbox.deleteMany({}),
    store.feedPublished.deleteMany({}),
  ]);
});
afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("the feed outbox", () => {
  it("recording puts each change in the history and the outbox once", async () => {
    expect(await recordMembershipChanges(store, [5, 3, 1, 4, 2].map(change))).toBe(5);
    expect(await recordMembershipChanges(store, [change(3)])).toBe(0);
    expect(await pendingChangeCount(store)).toBe(5);
    expect(await store.membershipChanges.findOne({ _id: change(1)._id })).toEqual(change(1));
  });

  it("batches take the lowest ids, claimed; finished batches leave the outbox", async () => {
    await recordMembershipChanges(store, [5, 3, 1, 4, 2].map(change));
    const first = await nextFeedBatch(store, 2);
    expect(first).toEqual({
      id: feedBatchId(ids([change(1), change(2)])),
      changes: [change(1), change(2)],
      resumed: false,
    });
    expect(await store.feedPublished.countDocuments({ batchId: first!.id })).toBe(2);
    expect(await finishFeedBatch(store, ids(first!.changes))).toBe(2);

    const second = await nextFeedBatch(store, 2);
    expect(ids(second!.changes)).toEqual(ids([change(3), change(4)]));
    // Its publisher dies: the next one resumes the same batch, whatever was recorded since.
    await recordMembershipChanges(store, [change(0)]);
    const resumed = await nextFeedBatch(store, 2);
    expect(resumed).toEqual({ id: second!.id, changes: [change(3), change(4)], resumed: true });
    await finishFeedBatch(store, ids(resumed!.changes));

    const third = await nextFeedBatch(store, 2);
    expect(ids(third!.changes)).toEqual(ids([change(0), change(5)]));
    await finishFeedBatch(store, ids(third!.changes));
    expect(await nextFeedBatch(store, 2)).toBeUndefined();
    expect(await pendingChangeCount(store)).toBe(0);
    // The history keeps every change.
    expect(await store.membershipChanges.countDocuments({})).toBe(6);
  });

  it("a published change recorded again comes back as its old batch", async () => {
    await recordMembershipChanges(store, [1, 2].map(change));
    const batch = await nextFeedBatch(store, 10);
    await finishFeedBatch(store, ids(batch!.changes));
    // A retried shard that had recorded change 2 before it crashed records it again.
    await recordMembershipChanges(store, [change(2), change(3)]);
    expect(await nextFeedBatch(store, 10)).toEqual({ id: batch!.id, changes: [change(2)], resumed: true });
  });

  it("claims expire by a TTL index", async () => {
    const indexes = await store.feedPublished.listIndexes().toArray();
    expect(indexes.find((i) => i.name === "published_ttl")).toMatchObject({
      key: { at: 1 },
      expireAfterSeconds: FEED_PUBLISHED_TTL_SECONDS,
    });
  });
});
