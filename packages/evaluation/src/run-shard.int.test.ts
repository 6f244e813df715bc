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
import { evaluateShard, runShard, ShardAttemptReplacedError, startRun } from "./index.js";

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

  // Checked against its protection: with runShard's attempt check a no-op, the late attempt
  // wrote its memberships and finished the shard.
  it("an attempt replaced by another writes and finishes nothing", async () => {
    const { run } = await startRun(store, { shardCount: 1 });
    const late = runShard(store, run, planShards(1)[0]!, {
      progress,
      // Another worker takes the shard over while this one evaluates (its lock lapsed).
      onProgress: async (profiles) => {
        if (profiles === 10) await beginShard(store, run._id, 0, "took-over");
      },
    });
    await expect(late).rejects.toBeInstanceOf(ShardAttemptReplacedError);
    expect(await store.profiles.countDocuments({ "segmentMembership.low.runId": run._id })).toBe(0);
    expect(await store.membershipChanges.countDocuments({ runId: run._id })).toBe(0);
    expect(await runProgress(store, run)).toMatchObject({ shardsDone: 0 });
  });

  // Checked against its protection: with evaluateShard's conditional write made unconditional
  // (writeMemberships), the shard overwrote the streaming entry with "realized".
  it("a profile whose entries changed after the shard read it is read and evaluated again, not overwritten", async () => {
    // A segment of its own: no run before this one wrote its entries.
    await createSegment(store, { id: "fresh", name: "fresh", definition: "n < 20" });
    const { run } = await startRun(store, { shardCount: 1, segmentIds: ["fresh"] });
    const entry = {
      status: "realized" as const,
      lastQualificationTime: new Date(),
      runId: "stream-1",
      source: "streaming" as const,
    };
    let target = "";
    const result = await evaluateShard(store, run, planShards(1)[0]!, {
      // A streaming evaluation writes the first profile in "fresh" just after the shard read it.
      onProfile: async (_profile, id) => {
        if (target || Number(id.slice(1)) >= 20) return;
        target = id;
        await store.profiles.updateOne({ _id: id }, { $set: { "segmentMembership.fresh": entry } });
      },
    });
    const doc = await store.profiles.findOne({ _id: target });
    // Read again, it was already in: existing, as a fresh read would count it; no change recorded.
    expect(doc?.segmentMembership?.fresh).toMatchObject({ status: "existing", runId: run._id });
    expect(await store.membershipChanges.countDocuments({ _id: `${run._id}:fresh:${target}` })).toBe(0);
    expect(result.counts.fresh).toMatchObject({ existing: 1, total: 20 });
  });
});
