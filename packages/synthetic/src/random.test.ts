import { describe, expect, it } from "vitest";
import { createRandom, mulberry32, streamSeed } from "./random.js";

describe("mulberry32", () => {
  it("gives the reference sequence for seed 1", () => {
    const next = mulberry32(1);
    expect([next(), next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it("stays in [0, 1)", () => {
    const next = mulberry32(123);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = next();
      if (!(u >= 0 && u < 1)) outside++;
    }
    expect(outside).toBe(0);
  });
});

describe("streamSeed", () => {
  it("gives each (seed, index) its own stream, high bits of the seed included", () => {
    const seeds = new Set<number>();
    for (const seed of [0, 1, 2, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) {
      for (let index = 0; index < 1000; index++) seeds.add(streamSeed(seed, index));
    }
    expect(seeds.size).toBe(6000);
  });
});

describe("draws", () => {
  const random = createRandom(99);
  const mean = (draw: () => number, n = 50_000) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += draw();
    return sum / n;
  };

  it.each([0.5, 3, 12, 45])("poisson(%d) has that mean", (lambda) => {
    expect(mean(() => random.poisson(lambda))).toBeCloseTo(lambda, lambda < 10 ? 1 : 0);
  });

  it("normal, exponential, int, weighted", () => {
    expect(mean(() => random.normal(2, 3))).toBeCloseTo(2, 1);
    expect(mean(() => random.exponential(5))).toBeCloseTo(5, 0);
    expect(mean(() => random.int(1, 6))).toBeCloseTo(3.5, 1);
    const picks = { a: 0, b: 0 };
    for (let i = 0; i < 20_000; i++) {
      picks[
        random.weighted([
          ["a", 1],
          ["b", 3],
        ] as const)
      ]++;
    }
    expect(picks.b / 20_000).toBeCloseTo(0.75, 1);
  });
});
