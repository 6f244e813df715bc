/**
 * A shard reports the profiles it has evaluated into its own run_shards document as it goes:
 * the run's progress moves before any shard completes, and a retried shard restarts its count
 * instead of adding to the attempt it replaces.
 */
import {
  beginShard,
  createSegment,
  openStore,
  planShards,
  type RunProgress,
  reportShardProgress,
  runProgress,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runShard, startRun } from "./index.js";

let store: Store;
const PROFILES = 60;
// Every 10 profiles, with no time threshold, so that a small shard reports several times.
const progress = { every: 10, intervalMs: 0 };

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("run_shard")));
  await upsertProfiles(
    store,
    Array.from({ length: PROFILES }, (_, i) => ({ id: `p${i}`, attributes: { n: i } })),
  );
  await createSegment(store, { id: "low", name: "low", definition: "n < 20" });
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

/** Runs the single shard of a fresh one-shard run, reading the run's progress at every report. */
async function runWatched(before?: (runId: string) => Promise<void>) {
  const { run } = await startRun(store, { shardCount: 1 });
  await before?.(run._id);
  const seen: RunProgress[] = [];
  const result = await runShard(store, run, planShards(1)[0]!, {
    progress,
    onProgress: async () => {
      seen.push(await runProgress(store, run));
    },
  });
  return { run, seen, result, after: await runProgress(store, run) };
}

describe("runShard", () => {
  it("the run counts the profiles a running shard has evaluated before the shard completes", async () => {
    const { run, seen, result, after } = await runWatched();
    expect(run.profilesTotal).toBe(PROFILES);
    expect(result.profiles).toBe(PROFILES);
    // Every report comes before the shard is recorded: one every 10 profiles, one after writing.
    const midway = seen.filter((p) => p.shardsDone === 0);
    expect(midway.map((p) => p.profilesDone)).toEqual([10, 20, 30, 40, 50, 60, 60]);
    // Counts are the finished shards' only: nothing yet while the shard runs.
    expect(midway[0]!.counts.low).toEqual({ realized: 0, existing: 0, exited: 0, total: 0 });
    expect(after).toMatchObject({ shardsDone: 1, shardsTotal: 1, profilesDone: PROFILES });
    expect(after.counts.low?.total).toBe(20);
  });

  it("a retried shard restarts its count; the attempt it replaced is ignored", async () => {
    let runId = "";
    const { seen, after } = await runWatched(async (id) => {
      runId = id;
      // A first attempt got 40 profiles in, then its worker died.
      await beginShard(store, id, 0, "crashed");
      await reportShardProgress(store, id, 0, "crashed", 40);
      expect((await runProgress(store, { _id: id, segmentIds: ["low"], shardsTotal: 1 })).profilesDone).toBe(
        40,
      );
    });
    expect(seen[0]!.profilesDone).toBe(10);
    expect(after.profilesDone).toBe(PROFILES);
    // The old attempt, still running somewhere, reports late: the finished shard keeps its count.
    expect(await reportShardProgress(store, runId, 0, "crashed", 50)).toBe(false);
    expect(await beginShard(store, runId, 0, "another")).toBe(false);
    const run = { _id: runId, segmentIds: ["low"], shardsTotal: 1 };
    expect(await runProgress(store, run)).toMatchObject({ shardsDone: 1, profilesDone: PROFILES });
  });
});
