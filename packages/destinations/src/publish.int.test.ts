/**
 * The publisher against the real server: 5,000 changes recorded at once become a handful of
 * deliveries per destination (each change once, filtered by segment); a second run, a run resuming
 * after a crash mid-batch, or a shard recording published changes again makes no delivery twice;
 * changes no destination receives leave the outbox all the same.
 */
import {
  createSegment,
  createStoreIndexes,
  type MembershipChangeDoc,
  openStore,
  pendingChangeCount,
  recordMembershipChanges,
  type Store,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { publishFeed, registerDestination } from "./index.js";

let store: Store;
const at = new Date("2026-12-01T00:00:00Z");

function changes(runId: string, segmentId: string, n: number): MembershipChangeDoc[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: `${runId}:${segmentId}:p${i}`,
    profileId: `p${i}`,
    segmentId,
    status: "realized" as const,
    at,
    runId,
    source: "batch" as const,
  }));
}
const sortedIds = (docs: readonly { _id: string }[]) => docs.map((c) => c._id).sort();

/** A publisher that records what it would enqueue. */
function publisher(options: { failEnqueue?: boolean } = {}) {
  const enqueued: string[] = [];
  const run = (batchSize = 500) =>
    publishFeed(store, {
      batchSize,
      enqueue: async (ids) => {
        if (options.failEnqueue) throw new Error("Redis went away");
        enqueued.push(...ids);
      },
    });
  return { enqueued, run };
}

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("feed_publish")));
  await createStoreIndexes(store);
  for (const id of ["gold", "lapsed"]) await createSegment(store, { id, name: id, definition: "true" });
  await registerDestination(store, { id: "all", url: "http://127.0.0.1:1/", secret: "s" });
  await registerDestination(store, {
    id: "gold-only",
    url: "http://127.0.0.1:1/",
    secret: "s",
    segments: ["gold"],
  });
});
beforeEach(async () => {
  await Promise.all([
    store.membershipChanges.deleteMany({}),
    store.feedOutbox.deleteMany({}),
    store.feedPublished.deleteMany({}),
    store.deliveries.deleteMany({}),
  ]);
});
afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

async function deliveredChangeIds(destinationId: string): Promise<string[]> {
  const docs = await store.deliveries.find({ destinationId }).toArray();
  return docs.flatMap((d) => d.changes.map((c) => c.id)).sort();
}

describe("publishFeed", () => {
  it("publishes 5,000 changes in batches of 500: each change once per receiving destination", async () => {
    const gold = changes("run-1", "gold", 3000);
    const lapsed = changes("run-1", "lapsed", 2000);
    await recordMembershipChanges(store, [...gold, ...lapsed]);
    const { enqueued, run } = publisher();
    expect(await run()).toMatchObject({ batches: 10, changes: 5000, resumed: 0, more: false });
    expect(await pendingChangeCount(store)).toBe(0);

    const all = await store.deliveries.find({ destinationId: "all" }).toArray();
    expect(all).toHaveLength(10);
    expect(all.every((d) => d.changeCount === 500 && d.status === "pending")).toBe(true);
    expect(await deliveredChangeIds("all")).toEqual(sortedIds([...gold, ...lapsed]));
    // gold-only gets the gold changes, from the batches that hold any.
    expect(await deliveredChangeIds("gold-only")).toEqual(sortedIds(gold));
    expect(await store.deliveries.countDocuments({ destinationId: "gold-only" })).toBe(6);
    // One deliver job asked for per delivery.
    expect(enqueued.sort()).toEqual(sortedIds(await store.deliveries.find({}).toArray()));
  });

  it("a second run, or a retried shard recording the same changes, publishes nothing again", async () => {
    await recordMembershipChanges(store, changes("run-2", "gold", 700));
    const { run } = publisher();
    await run();
    const made = await store.deliveries.find({}).toArray();
    expect(made).toHaveLength(4);
    expect(await run()).toMatchObject({ batches: 0, changes: 0, deliveries: 0 });
    // Recorded again after publication (a shard retried after a crash): its old batches are
    // resumed, whose deliveries exist already.
    await recordMembershipChanges(store, changes("run-2", "gold", 700));
    expect(await run()).toMatchObject({ batches: 2, changes: 700, resumed: 2 });
    expect(await store.deliveries.find({}).toArray()).toEqual(made);
  });

  it("a publisher that died mid-batch is resumed with the same deliveries, nothing twice", async () => {
    await recordMembershipChanges(store, changes("run-3", "gold", 600));
    // Dies after storing the first batch's deliveries, before their jobs were enqueued.
    const dying = publisher({ failEnqueue: true });
    await expect(dying.run()).rejects.toThrow("Redis went away");
    const before = sortedIds(await store.deliveries.find({}).toArray());
    expect(before).toHaveLength(2);
    // Changes recorded meanwhile, with ids sorting before the claimed ones.
    await recordMembershipChanges(store, changes("run-0", "gold", 10));

    const { enqueued, run } = publisher();
    // The resumed batch of 500, then the other 100 with the 10 new ones.
    expect(await run()).toMatchObject({ batches: 2, changes: 610, resumed: 1 });
    const deliveries = await store.deliveries.find({}).toArray();
    expect(deliveries.map((d) => d._id)).toEqual(expect.arrayContaining(before));
    expect(enqueued).toEqual(expect.arrayContaining(before));
    const ids = await deliveredChangeIds("all");
    expect(ids).toEqual(sortedIds([...changes("run-3", "gold", 600), ...changes("run-0", "gold", 10)]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a publisher that died before clearing its batch: resumed, its deliveries enqueued again, none new", async () => {
    await recordMembershipChanges(store, changes("run-4", "lapsed", 20));
    const { enqueued, run } = publisher();
    await run(50);
    const made = await store.deliveries.find({}).toArray();
    expect(made.map((d) => d.destinationId)).toEqual(["all"]);
    // As if the outbox had not been cleared.
    await store.feedOutbox.insertMany(changes("run-4", "lapsed", 20));
    expect(await run(50)).toMatchObject({ batches: 1, changes: 20, resumed: 1 });
    expect(await store.deliveries.find({}).toArray()).toEqual(made);
    expect(enqueued).toEqual([made[0]!._id, made[0]!._id]);
  });

  it("changes no destination receives leave the outbox without a delivery", async () => {
    await store.destinations.deleteMany({});
    await recordMembershipChanges(store, changes("run-5", "gold", 3));
    expect(await publisher().run()).toMatchObject({ batches: 1, changes: 3, deliveries: 0 });
    expect(await pendingChangeCount(store)).toBe(0);
  });
});
