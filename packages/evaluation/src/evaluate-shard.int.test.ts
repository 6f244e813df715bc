/**
 * A shard evaluated twice (a retry after a crash) writes nothing the second time and counts
 * the same; counts follow Adobe's statuses across runs.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { compileSegments, type Profile } from "@segflow/segment-language";
import {
  createRun,
  createSegment,
  insertEvents,
  openStore,
  planShards,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { evaluateShard, resolveRunSegments, startRun } from "./index.js";

let store: Store;
const now = new Date("2026-11-29T12:00:00Z");

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("evaluation")));
  await upsertProfiles(
    store,
    Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, attributes: { n: i } })),
  );
  await insertEvents(
    store,
    Array.from({ length: 50 }, (_, i) => ({
      profileId: `p${i}`,
      type: "buy",
      timestamp: new Date(now.getTime() - i * 86_400_000),
    })),
  );
  await createSegment(store, { id: "young", name: "young", definition: "n < 25" });
  await createSegment(store, {
    id: "recent",
    name: "recent",
    definition: 'exists(events where type = "buy" and timestamp within last 10 days)',
  });
  await createSegment(store, { id: "both", name: "both", definition: 'inSegment("recent") and n < 5' });
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("evaluateShard", () => {
  it("freezes the requested segments and what they read", async () => {
    const set = await resolveRunSegments(store, ["both"]);
    expect(set.segmentIds).toEqual(["both"]);
    expect(set.segments.map((s) => s.id).sort()).toEqual(["both", "recent"]);
    await expect(resolveRunSegments(store, ["nope"])).rejects.toThrow(/nope/);
  });

  it("writes once, and a repeated shard writes nothing and counts the same", async () => {
    const { run } = await startRun(store, { now, shardCount: 1 });
    const [all] = planShards(1);
    const first = await evaluateShard(store, run, all!);
    const again = await evaluateShard(store, run, all!);
    expect(first.profiles).toBe(50);
    expect(first.written).toBeGreaterThan(0);
    expect(again.written).toBe(0);
    expect(again.counts).toEqual(first.counts);
    const compiled = compileSegments(run.segments);
    expect(first.counts.recent).toEqual({ realized: 10, existing: 0, exited: 0, total: 10 });
    expect(first.counts.both).toEqual({ realized: 5, existing: 0, exited: 0, total: 5 });
    expect(compiled.ids).toContain("young");
    expect(first.counts.young).toEqual({ realized: 25, existing: 0, exited: 0, total: 25 });
  });

  it("counts existing and exited on a later run", async () => {
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const { run } = await createRun(store, {
      ...(await resolveRunSegments(store, ["recent"])),
      now: later,
      shardsTotal: 1,
    });
    const result = await evaluateShard(store, run, planShards(1)[0]!);
    // Events of p0..p9 were within 10 days at `now`; at `later`, p0..p6 still are (i + 3 <= 9... < 10 days).
    expect(result.counts.recent).toEqual({ realized: 0, existing: 7, exited: 3, total: 7 });
  });
});

describe("evaluateShard on a shard larger than its write batch", () => {
  let big: Store;
  const PROFILES = 3000;

  beforeAll(async () => {
    big = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("evaluation_big")));
    await upsertProfiles(
      big,
      Array.from({ length: PROFILES }, (_, i) => ({ id: `q${i}`, attributes: { n: i } })),
    );
    await createSegment(big, { id: "even", name: "even", definition: "n / 2 = abs(n / 2) and n >= 0" });
    await createSegment(big, { id: "small", name: "small", definition: "n < 1000" });
  });

  afterAll(async () => {
    await big?.db.dropDatabase();
    await big?.close();
  });

  it("writes as it streams, meets every profile once, and each change lands", async () => {
    const { run } = await startRun(big, { now, shardCount: 1 });
    // The per-profile hook sees each profile once, and its promise holds the shard until settled.
    const hooked = new Map<string, unknown>();
    let holding = false;
    const onProfile = (profile: Profile, id: string) => {
      if (holding) throw new Error(`${id} evaluated while the hook's promise was pending`);
      hooked.set(id, profile.attributes?.n);
      if (hooked.size % 500 !== 0) return;
      holding = true;
      return sleep(5).then(() => {
        holding = false;
      });
    };
    // Writes every 100 changed profiles, behind a cursor that reads 1,000 at a time.
    const result = await evaluateShard(big, run, planShards(1)[0]!, { writeBatch: 100, onProfile });
    expect(result.profiles).toBe(PROFILES);
    expect(hooked.size).toBe(PROFILES);
    expect(hooked.get("q42")).toBe(42);
    expect(result.written).toBe(PROFILES); // every profile is in "even" (n / 2 = abs(n / 2))
    expect(result.counts.even).toEqual({ realized: PROFILES, existing: 0, exited: 0, total: PROFILES });
    expect(result.counts.small).toEqual({ realized: 1000, existing: 0, exited: 0, total: 1000 });
    const stored = await big.profiles
      .find({}, { projection: { "segmentMembership.small.status": 1, "attributes.n": 1 } })
      .sort({ _id: 1 }) // the local FerretDB may repeat documents in an unsorted multi-batch read
      .toArray();
    expect(stored).toHaveLength(PROFILES);
    for (const doc of stored) {
      const n = doc.attributes.n as number;
      expect(doc.segmentMembership?.small?.status).toBe(n < 1000 ? "realized" : undefined);
    }
  });
});
