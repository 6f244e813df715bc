import { describe, expect, it } from "vitest";
import { BUCKETS, bucketOf } from "./bucket.js";
import { planShards } from "./shards.js";

describe("buckets and shards", () => {
  it("hashes ids to a stable bucket", () => {
    expect(bucketOf("p-000001")).toBe(bucketOf("p-000001"));
    const buckets = new Set(Array.from({ length: 10_000 }, (_, i) => bucketOf(`p-${i}`)));
    expect(buckets.size).toBeGreaterThan(3500); // spread over most of the 4096 buckets
    for (const b of buckets) expect(b).toBeGreaterThanOrEqual(0);
    for (const b of buckets) expect(b).toBeLessThan(BUCKETS);
  });

  it.each([1, 3, 16, 4096])("covers every bucket exactly once with %i shards", (n) => {
    const shards = planShards(n);
    expect(shards).toHaveLength(n);
    expect(shards[0]!.bucketFrom).toBe(0);
    expect(shards.at(-1)!.bucketTo).toBe(BUCKETS);
    for (let i = 1; i < shards.length; i++) expect(shards[i]!.bucketFrom).toBe(shards[i - 1]!.bucketTo);
  });
});
