import { describe, expect, it } from "vitest";
import { estimateRun, type RunEstimateInput } from "./run-estimate.js";

const startedAt = new Date("2026-12-01T00:00:00Z");
const after = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
const running: RunEstimateInput = {
  status: "running",
  startedAt,
  finishedAt: null,
  profilesDone: 0,
  profilesTotal: 20_000,
  at: after(10),
};

describe("estimateRun", () => {
  it("rate from the start time, ETA for the profiles left at that rate", () => {
    // 5,000 in 10 s: 500/s, 15,000 left: 30 s.
    expect(estimateRun({ ...running, profilesDone: 5000 })).toEqual({
      profilesTotal: 20_000,
      profilesPerSecond: 500,
      etaSeconds: 30,
    });
    // 3 in 7 s: 0.43/s; 19,997 left: 46,660 s rounded up.
    expect(estimateRun({ ...running, profilesDone: 3, at: after(7) })).toEqual({
      profilesTotal: 20_000,
      profilesPerSecond: 0.4,
      etaSeconds: 46_660,
    });
  });

  it("null until something was evaluated, or without a start or a total", () => {
    const none = { profilesPerSecond: null, etaSeconds: null };
    expect(estimateRun(running)).toEqual({ profilesTotal: 20_000, ...none });
    expect(estimateRun({ ...running, status: "queued", startedAt: null })).toEqual({
      profilesTotal: 20_000,
      ...none,
    });
    expect(estimateRun({ ...running, profilesDone: 100, at: after(-1) })).toEqual({
      profilesTotal: 20_000,
      ...none,
    });
    expect(estimateRun({ ...running, profilesDone: 100, profilesTotal: null })).toEqual({
      profilesTotal: null,
      profilesPerSecond: 10,
      etaSeconds: null,
    });
  });

  it("0 s to go past the planned count (profiles added during the run)", () => {
    expect(estimateRun({ ...running, profilesDone: 20_100 }).etaSeconds).toBe(0);
  });

  it("a completed run: its real total, its average rate up to the end, nothing to go", () => {
    const done = { ...running, status: "completed" as const, finishedAt: after(40), at: after(100) };
    expect(estimateRun({ ...done, profilesDone: 19_990 })).toEqual({
      profilesTotal: 19_990,
      profilesPerSecond: 499.8,
      etaSeconds: 0,
    });
  });

  it("a failed run: its rate up to the failure, no ETA", () => {
    const failed = { ...running, status: "failed" as const, finishedAt: after(4), profilesDone: 1000 };
    expect(estimateRun(failed)).toEqual({ profilesTotal: 20_000, profilesPerSecond: 250, etaSeconds: null });
  });
});
