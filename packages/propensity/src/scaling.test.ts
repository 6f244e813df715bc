import { describe, expect, it } from "vitest";
import type { FeatureDef, Transform } from "./features.js";
import type { Matrix } from "./matrix.js";
import { seededRandom } from "./random.js";
import { fitScaling, scale } from "./scaling.js";

const def = (transform: Transform, key = "f"): FeatureDef => ({ key, label: key, transform });

/** A one-column matrix. */
const column = (values: readonly number[]): Matrix => ({
  rows: values.length,
  cols: 1,
  data: Float32Array.from(values),
});

function normals(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );
}

function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const xs = Array.from(values);
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length) };
}

/** Heavy-tailed counts: most profiles do little, a few a lot. */
function heavyCounts(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.floor(1 / (1 - random()) ** 1.5) - 1);
}

describe("fitScaling", () => {
  it("uses log1p for log1p columns and linear for linear ones, whatever the values", () => {
    const values = normals(500, 1).map((v) => 10 + v);
    expect(fitScaling([def("log1p")], column(values)).transforms).toEqual(["log1p"]);
    expect(fitScaling([def("linear")], column(heavyCounts(500, 2))).transforms).toEqual(["linear"]);
  });

  it("resolves auto to log1p for heavy-tailed non-negative values, linear otherwise", () => {
    const heavy = heavyCounts(2000, 3);
    expect(Math.max(...heavy)).toBeGreaterThan(100);
    expect(fitScaling([def("auto")], column(heavy)).transforms).toEqual(["log1p"]);
    // Light-tailed, non-negative.
    const random = seededRandom(4);
    const uniform = Array.from({ length: 2000 }, () => 10 * random());
    expect(fitScaling([def("auto")], column(uniform)).transforms).toEqual(["linear"]);
    // Heavy-tailed, but negative values exist: log1p would fold them onto 0.
    expect(fitScaling([def("auto")], column([-1, ...heavy])).transforms).toEqual(["linear"]);
  });

  it("resolves each column on its own", () => {
    const heavy = heavyCounts(1000, 5);
    const light = normals(1000, 6);
    const x: Matrix = {
      rows: 1000,
      cols: 2,
      data: Float32Array.from(heavy.flatMap((h, i) => [h, light[i]!])),
    };
    expect(fitScaling([def("auto", "a"), def("auto", "b")], x).transforms).toEqual(["log1p", "linear"]);
  });

  it("standardises: the training rows get mean 0 and standard deviation 1", () => {
    for (const [transform, values] of [
      ["linear", normals(1000, 7).map((v) => 50 + 8 * v)],
      ["log1p", heavyCounts(1000, 8)],
    ] as const) {
      const x = column(values);
      const scaling = fitScaling([def(transform)], x);
      const { mean, sd } = meanAndSd(scale(scaling, x).data);
      expect(mean).toBeCloseTo(0, 4);
      expect(sd).toBeCloseTo(1, 3);
    }
  });

  it("maps a value through its transform, then the training mean and standard deviation", () => {
    const values = heavyCounts(1000, 9);
    const scaling = fitScaling([def("log1p")], column(values));
    const logs = meanAndSd(values.map((v) => Math.log1p(v)));
    // The clipped moments are close to the raw ones: clipping only moves the extreme 1%.
    expect(scaling.mean[0]).toBeCloseTo(logs.mean, 1);
    const v = 3;
    const expected = (Math.log1p(v) - scaling.mean[0]!) / scaling.std[0]!;
    expect(scale(scaling, column([v])).data[0]).toBeCloseTo(expected, 5);
    // Counts are never negative; a negative value reads as zero rather than NaN.
    expect(scale(scaling, column([-5])).data[0]).toBeCloseTo(scale(scaling, column([0])).data[0]!, 6);
  });

  it("clips at the training 0.5th and 99.5th percentiles: an extreme outlier does not set the scale", () => {
    const body = normals(2000, 10);
    const withOutlier = [...body, 1e6];
    const scaling = fitScaling([def("linear")], column(withOutlier));
    const sorted = [...withOutlier].sort((a, b) => a - b);
    expect(scaling.hi[0]).toBeCloseTo(sorted[Math.floor(0.995 * sorted.length)]!, 5);
    expect(scaling.lo[0]).toBeCloseTo(sorted[Math.floor(0.005 * sorted.length)]!, 5);
    expect(scaling.hi[0]).toBeLessThan(4);
    // Without clipping the outlier would make the standard deviation about 22,000.
    expect(scaling.std[0]).toBeGreaterThan(0.9);
    expect(scaling.std[0]).toBeLessThan(1.1);
    const scaled = scale(scaling, column([1e6, 1e9, -1e9, 1]));
    expect(scaled.data[0]).toBeLessThan(4);
    expect(scaled.data[1]).toBe(scaled.data[0]);
    expect(scaled.data[2]).toBeGreaterThan(-4);
    expect(scaled.data[3]).toBeCloseTo((1 - scaling.mean[0]!) / scaling.std[0]!, 5);
  });

  it("learns from the values present and puts a missing value (NaN) at the training mean, 0", () => {
    const values = normals(1000, 11).map((v) => 5 + v);
    const withGaps = values.flatMap((v, i) => (i % 4 === 0 ? [v, Number.NaN] : [v]));
    const scaling = fitScaling([def("linear")], column(withGaps));
    const without = fitScaling([def("linear")], column(values));
    expect(scaling).toEqual(without);
    const scaled = scale(scaling, column(withGaps));
    withGaps.forEach((v, i) => {
      if (Number.isNaN(v)) expect(scaled.data[i]).toBe(0);
      else expect(Number.isFinite(scaled.data[i]!)).toBe(true);
    });
    expect(scale(scaling, column([Number.NaN])).data[0]).toBe(0);
  });

  it("keeps a constant column at 0 (and an all-missing one), never NaN or infinite", () => {
    const x: Matrix = {
      rows: 300,
      cols: 2,
      data: Float32Array.from({ length: 600 }, (_, k) => (k % 2 === 0 ? 7 : Number.NaN)),
    };
    const scaling = fitScaling([def("auto", "constant"), def("log1p", "missing")], x);
    expect(scaling.std).toEqual([1, 1]);
    const scaled = scale(scaling, {
      rows: 2,
      cols: 2,
      data: Float32Array.from([7, Number.NaN, 100, 3]),
    });
    expect(Array.from(scaled.data)).toEqual([0, 0, 0, 0]);
  });

  it("scales into a new matrix, leaving the natural values for the factors", () => {
    const x = column([1, 2, 3, 4, 5]);
    const before = Float32Array.from(x.data);
    const scaled = scale(fitScaling([def("linear")], x), x);
    expect(scaled.data).not.toBe(x.data);
    expect(x.data).toEqual(before);
  });
});
