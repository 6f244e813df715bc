import { BUCKETS } from "@segflow/store";
import { describe, expect, test } from "vitest";
import { wilsonInterval } from "./estimate.js";
import { bucketsFor } from "./sample.js";

describe("wilsonInterval", () => {
  test("matches the textbook Wilson interval for a small sample of a huge population", () => {
    // 30 of 100: Wilson 95% is about [0.2189, 0.3958].
    const { low, high } = wilsonInterval(30, 100, 1e12);
    expect(low).toBeCloseTo(0.2189, 3);
    expect(high).toBeCloseTo(0.3958, 3);
  });

  test("stays inside [0, 1] at the extremes", () => {
    expect(wilsonInterval(0, 50, 1e6).low).toBe(0);
    expect(wilsonInterval(0, 50, 1e6).high).toBeGreaterThan(0);
    expect(wilsonInterval(50, 50, 1e6).high).toBe(1);
    expect(wilsonInterval(50, 50, 1e6).low).toBeLessThan(1);
  });

  test("narrows as the sample covers more of the population, and is exact when it covers all", () => {
    const width = (n: number) => {
      const { low, high } = wilsonInterval(n / 4, n, 1000);
      return high - low;
    };
    expect(width(100)).toBeGreaterThan(width(500));
    expect(width(500)).toBeGreaterThan(width(900));
    expect(wilsonInterval(250, 1000, 1000)).toEqual({ low: 0.25, high: 0.25 });
  });

  test("an empty sample says nothing", () => {
    expect(wilsonInterval(0, 0, 100)).toEqual({ low: 0, high: 1 });
  });
});

describe("bucketsFor", () => {
  test("sizes the range to the sample", () => {
    expect(bucketsFor(2000, 100_000)).toBe(Math.ceil(0.02 * BUCKETS));
    expect(bucketsFor(1, 1_000_000_000)).toBe(1);
    expect(bucketsFor(5000, 1000)).toBe(BUCKETS);
    expect(bucketsFor(10, 0)).toBe(BUCKETS);
  });
});
