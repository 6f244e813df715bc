/**
 * The sample is a contiguous bucket range read once: all of it when asked for the whole store,
 * and when the time budget ends the read, exactly the buckets of the chunks begun by then.
 */

import { compileSegments } from "@segflow/segment-language";
import { BUCKETS, bucketOf, openStore, type Store, upsertProfiles } from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { estimateSegment, readSample } from "./index.js";

let store: Store;
const PROFILES = 300;

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("sample")));
  await upsertProfiles(
    store,
    Array.from({ length: PROFILES }, (_, i) => ({ id: `p${i}`, attributes: { n: i } })),
  );
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

/** Whether `bucket` is in the `count` buckets from `from`, wrapping past the last. */
const inRange = (bucket: number, from: number, count: number) => (bucket - from + BUCKETS) % BUCKETS < count;

describe("readSample", () => {
  it("a sample larger than the store reads every profile once and is the population itself", async () => {
    const seen: string[] = [];
    const sample = await readSample(store, { sampleSize: 10_000, from: 1234, budgetMs: 0 }, (p) =>
      seen.push(p.id),
    );
    expect(sample).toEqual({
      size: PROFILES,
      requested: 10_000,
      population: PROFILES,
      buckets: { from: 1234, count: BUCKETS },
      truncated: false,
    });
    expect(new Set(seen).size).toBe(PROFILES);
  });

  it("a spent budget stops at the chunks begun: their buckets, wrapping past the last, and nothing else", async () => {
    // 10 profiles a chunk at 300 profiles over 4096 buckets: 137 buckets a chunk; three lanes.
    const seen: string[] = [];
    const sample = await readSample(
      store,
      { sampleSize: 10_000, from: 4000, budgetMs: 0, chunkProfiles: 10 },
      (p) => seen.push(p.id),
    );
    expect(sample.truncated).toBe(true);
    expect(sample.buckets).toEqual({ from: 4000, count: 3 * 137 });
    const expected = Array.from({ length: PROFILES }, (_, i) => `p${i}`).filter((id) =>
      inRange(bucketOf(id), 4000, 3 * 137),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(seen.sort()).toEqual(expected.sort());
    expect(sample.size).toBe(expected.length);
    expect(sample.population).toBe(PROFILES);
  });

  it("an estimate says when its sample was cut, and its interval widens accordingly", async () => {
    const compiled = compileSegments([{ id: "low", definition: "n < 150" }]);
    const options = { compiled, segmentId: "low", sampleSize: 10_000, nowMs: 0, from: 0 };
    const whole = await estimateSegment(store, { ...options, budgetMs: Number.POSITIVE_INFINITY });
    expect(whole).toMatchObject({ estimate: 150, matched: 150, sampleSize: PROFILES, truncated: false });
    expect(whole.interval).toMatchObject({ low: 150, high: 150 });
    // Chunks of 2 profiles: the three chunks begun are a small part of the store.
    const cut = await estimateSegment(store, { ...options, budgetMs: 0, chunkProfiles: 2 });
    expect(cut).toMatchObject({ truncated: true, sampleRequested: 10_000, population: PROFILES });
    expect(cut.sampleSize).toBeLessThan(PROFILES / 4);
    expect(cut.interval.high - cut.interval.low).toBeGreaterThan(PROFILES / 10);
  });
});
