import { describe, expect, it } from "vitest";
import { runBarState } from "./run-progress-bar.js";

describe("runBarState", () => {
  it("counts profiles against the run's total, with the API's rate and ETA", () => {
    const state = runBarState("running", {
      shardsDone: 1,
      shardsTotal: 16,
      profilesDone: 2345,
      profilesTotal: 20_000,
      profilesPerSecond: 1234.56,
      etaSeconds: 3725,
    });
    expect(state).toEqual({
      value: 2345,
      total: 20_000,
      payload: {
        profiles: "2,345/20,000",
        shards: "1/16",
        rate: "1,235/s",
        timeLeft: "1h2m",
        status: "running",
      },
    });
  });

  it("a slow rate keeps a decimal; unknown rate and ETA are dashes", () => {
    const base = { shardsDone: 0, shardsTotal: 4, profilesDone: 3, profilesTotal: 100 };
    expect(
      runBarState("running", { ...base, profilesPerSecond: 0.4, etaSeconds: 243 }).payload,
    ).toMatchObject({
      rate: "0.4/s",
      timeLeft: "4m3s",
    });
    expect(
      runBarState("running", { ...base, profilesPerSecond: null, etaSeconds: null }).payload,
    ).toMatchObject({ rate: "-/s", timeLeft: "-" });
  });

  it("counts shards when the API gives no profile total (older APIs, or a run not yet counted)", () => {
    expect(runBarState("queued", { shardsDone: 0, shardsTotal: 0 })).toMatchObject({ value: 0, total: 1 });
    const old = runBarState("running", { shardsDone: 3, shardsTotal: 4, profilesDone: 15_000 });
    expect(old).toMatchObject({ value: 3, total: 4, payload: { profiles: "15,000", shards: "3/4" } });
    const uncounted = runBarState("running", {
      shardsDone: 3,
      shardsTotal: 4,
      profilesDone: 9,
      profilesTotal: null,
    });
    expect(uncounted).toMatchObject({ value: 3, total: 4 });
  });
});
