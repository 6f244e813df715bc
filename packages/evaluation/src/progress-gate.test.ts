import { describe, expect, it } from "vitest";
import { progressGate } from "./progress-gate.js";

/**
 * Feeds counts 1..n, count k arriving at millisecond `times[k - 1]` (the gate starts at
 * `times[0]`), and returns the counts that were reported.
 */
function reported(options: { every: number; intervalMs: number }, times: number[]): number[] {
  let now = times[0] ?? 0;
  const due = progressGate({ ...options, clock: () => now });
  const out: number[] = [];
  times.forEach((at, k) => {
    now = at;
    if (due(k + 1)) out.push(k + 1);
  });
  return out;
}

describe("progressGate", () => {
  it("a fast loop reports once an interval, not every `every` items", () => {
    // 10 items a millisecond: `every` (5) is reached long before the interval (3 ms).
    const times = Array.from({ length: 100 }, (_, k) => Math.floor(k / 10));
    expect(reported({ every: 5, intervalMs: 3 }, times)).toEqual([31, 61, 91]);
  });

  it("a slow loop reports every `every` items, not on every item", () => {
    // One item every 100 ms: the interval (50 ms) passes at every item.
    const times = Array.from({ length: 12 }, (_, k) => k * 100);
    expect(reported({ every: 4, intervalMs: 50 }, times)).toEqual([4, 8, 12]);
  });

  it("nothing before both thresholds", () => {
    expect(reported({ every: 1000, intervalMs: 0 }, [0, 1, 2, 3])).toEqual([]);
    expect(reported({ every: 1, intervalMs: 1000 }, [0, 1, 2, 3])).toEqual([]);
  });
});
