/**
 * Batch and streaming never disagree about the same profile at the same `now`: over the seeded
 * population, a batch run's memberships are exactly what the streaming evaluation of each
 * profile finds at the run's `now` (it records no change at all), and the reverse.
 */
import { evaluateProfile, evaluateShard, startRun, streamingSet } from "@segflow/evaluation";
import {
  createSegment,
  insertEvents,
  openStore,
  planShards,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { population, SEGMENTS } from "./population.js";

const NOW = new Date("2026-11-29T12:00:00Z");
const LATER = new Date(NOW.getTime() + 20 * 86_400_000);
const profiles = population(300, 11, NOW.getTime());
let store: Store;

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("e2e_agree")));
  await upsertProfiles(
    store,
    profiles.map((p) => ({ id: p.id, attributes: p.attributes ?? {} })),
  );
  await insertEvents(
    store,
    profiles.flatMap((p) =>
      (p.events ?? []).map((e) => ({
        profileId: p.id,
        // population() builds well-formed events: a string type, an ISO timestamp, properties.
        type: e.type as string,
        timestamp: new Date(e.timestamp as string),
        properties: e.properties as Record<string, unknown>,
      })),
    ),
  );
  for (const s of SEGMENTS) await createSegment(store, { ...s, streaming: true });
}, 120_000);

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

async function memberships(): Promise<Map<string, string[]>> {
  const docs = await store.profiles.find().sort({ _id: 1 }).toArray();
  return new Map(
    docs.map((d) => [
      d._id,
      Object.entries(d.segmentMembership ?? {})
        .filter(([, m]) => m.status !== "exited")
        .map(([id]) => id)
        .sort(),
    ]),
  );
}

it("a batch run, then streaming at the same now: no profile changes", async () => {
  const { run } = await startRun(store, { now: NOW, shardCount: 1 });
  await evaluateShard(store, run, planShards(1)[0]!);
  const batch = await memberships();
  expect([...batch.values()].some((ids) => ids.length > 0)).toBe(true);

  const set = streamingSet(await store.segments.find().toArray());
  expect([...set.targets].sort()).toEqual(SEGMENTS.map((s) => s.id).sort());
  for (const p of profiles) {
    const result = await evaluateProfile(store, set, p.id, NOW);
    expect(result.changes, p.id).toEqual([]);
  }
  expect(await memberships()).toEqual(batch);
});

it("streaming at a later now, then a batch run at it: no profile changes", async () => {
  const set = streamingSet(await store.segments.find().toArray());
  let changed = 0;
  for (const p of profiles) changed += (await evaluateProfile(store, set, p.id, LATER)).changes.length;
  // Twenty days on, windows have closed: the comparison below is not between two empty sets.
  expect(changed).toBeGreaterThan(0);
  const streamed = await memberships();

  const { run } = await startRun(store, { now: LATER, shardCount: 1 });
  const result = await evaluateShard(store, run, planShards(1)[0]!);
  for (const counts of Object.values(result.counts)) {
    expect(counts.realized + counts.exited).toBe(0);
  }
  expect(await memberships()).toEqual(streamed);
});
