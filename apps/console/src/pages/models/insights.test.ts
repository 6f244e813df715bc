import { describe, expect, it } from "vitest";
import {
  calibrationRows,
  distributionRows,
  effectLabel,
  type Insights,
  liftRows,
  type ModelDetail,
  outcomeRows,
} from "./insights.js";

const deciles = Array.from({ length: 10 }, (_, i) => ({
  decile: i + 1,
  count: 100,
  positives: 10 - i,
  rate: (10 - i) / 100,
  meanPredicted: (11 - i) / 100,
  lift: (10 - i) / 5.5,
  cumulativeGain: Math.min(1, (i + 1) * 0.15),
}));
const metrics = {
  deciles,
  scoreDistribution: [
    { from: 0, to: 9, count: 30 },
    { from: 10, to: 19, count: 10 },
    { from: 90, to: 100, count: 0 },
  ],
} as unknown as Insights;

describe("model insights as chart rows", () => {
  it("gives each score range its count and share in percent", () => {
    expect(distributionRows(metrics)).toEqual([
      { range: "0–9", profiles: 30, share: 75 },
      { range: "10–19", profiles: 10, share: 25 },
      { range: "90–100", profiles: 0, share: 0 },
    ]);
  });

  it("gives lift, cumulative gain and the random baseline per decile, in percent", () => {
    const rows = liftRows(metrics);
    expect(rows[0]).toEqual({ decile: "D1", lift: 1.82, gain: 15, random: 10, rate: 10 });
    expect(rows[9]).toMatchObject({ decile: "D10", gain: 100, random: 100 });
  });

  it("puts predicted and observed rates of each decile side by side", () => {
    expect(calibrationRows(metrics)[1]).toEqual({ decile: "D2", predicted: 10, actual: 9 });
  });

  it("shows outcomes only once they are checked", () => {
    const waiting = { status: "waiting", byBucket: null } as NonNullable<ModelDetail["outcomes"]>;
    expect(outcomeRows(waiting)).toBeNull();
    const rates = (p: number, a: number | null) => ({ profiles: 10, predictedRate: p, actualRate: a });
    const checked = {
      status: "checked",
      byBucket: { low: rates(0.1, 0.12), medium: rates(0.5, null), high: rates(0.8, 0.755) },
    } as NonNullable<ModelDetail["outcomes"]>;
    expect(outcomeRows(checked)).toEqual([
      { band: "high", profiles: 10, predicted: 80, actual: 75.5 },
      { band: "medium", profiles: 10, predicted: 50, actual: null },
      { band: "low", profiles: 10, predicted: 10, actual: 12 },
    ]);
  });
});

describe("effects on the log-odds", () => {
  it("says which way, and nothing for what rounds to zero", () => {
    expect(effectLabel(0.4141)).toEqual({ text: "▲ +0.414", color: "teal.8" });
    expect(effectLabel(-0.311)).toEqual({ text: "▼ −0.311", color: "red.8" });
    expect(effectLabel(-0.0001)).toEqual({ text: "0.000", color: "dimmed" });
  });
});
