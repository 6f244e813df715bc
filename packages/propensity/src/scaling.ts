/**
 * From natural feature values to model inputs, learned from the training rows only and stored
 * with the model: counts, revenue and heavy-tailed numbers go through log1p, every column is
 * clipped to its training 0.5th-99.5th percentiles (a handful of extreme profiles must not set the
 * scale for everyone), then standardised. A zero input is the average training profile: the
 * baseline that factor impacts are measured from, and where a missing value (NaN) lands.
 *
 * Features whose effect may bend (`curve`: days, cadence ratios, numeric attributes) also get
 * hinge functions `max(0, v - knot)` at their quartiles, appended after the natural columns: with
 * them even the logistic regression can draw a decay or a bump (a piecewise-linear spline), which
 * a straight line in the value cannot. A feature's factor is its own column's contribution plus
 * its hinges' ({@link foldHinges}), so factors stay one per feature a person can read.
 */
import type { FeatureDef, Transform } from "./features.js";
import type { Matrix } from "./matrix.js";

/** Quantiles and moments are estimated on at most this many rows, spread over the set. */
const SAMPLE_ROWS = 50_000;
const CLIP = 0.005;

export interface Scaling {
  transforms: ("log1p" | "linear")[];
  lo: number[];
  hi: number[];
  mean: number[];
  std: number[];
  /** Input columns after the natural ones: `max(0, v - knot)` of `column`'s clipped value, standardised. */
  hinges: { column: number; knot: number; mean: number; std: number }[];
}

const KNOTS = [0.25, 0.5, 0.75];

function transform(kind: "log1p" | "linear", v: number): number {
  return kind === "log1p" ? Math.log1p(Math.max(0, v)) : v;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** `auto` resolved: log1p for non-negative values whose 99th percentile is far above the median. */
function resolve(kind: Transform, sorted: Float64Array): "log1p" | "linear" {
  if (kind !== "auto") return kind;
  const heavy =
    sorted.length > 0 && sorted[0]! >= 0 && quantile(sorted, 0.99) > 10 * (quantile(sorted, 0.5) + 1);
  return heavy ? "log1p" : "linear";
}

export function fitScaling(features: readonly FeatureDef[], x: Matrix): Scaling {
  const step = Math.max(1, Math.floor(x.rows / SAMPLE_ROWS));
  const scaling: Scaling = { transforms: [], lo: [], hi: [], mean: [], std: [], hinges: [] };
  for (let j = 0; j < x.cols; j++) {
    const raw: number[] = [];
    for (let i = 0; i < x.rows; i += step) {
      const v = x.data[i * x.cols + j]!;
      if (!Number.isNaN(v)) raw.push(v);
    }
    const natural = Float64Array.from(raw).sort();
    const kind = resolve(features[j]!.transform, natural);
    const values = natural.map((v) => transform(kind, v)); // monotone: still sorted
    const lo = quantile(values, CLIP);
    const hi = quantile(values, 1 - CLIP);
    const clipped = values.map((v) => Math.min(hi, Math.max(lo, v)));
    const { mean, std } = moments(clipped);
    scaling.transforms.push(kind);
    scaling.lo.push(lo);
    scaling.hi.push(hi);
    scaling.mean.push(mean);
    scaling.std.push(std);
    if (!features[j]!.curve) continue;
    const knots = [...new Set(KNOTS.map((q) => quantile(clipped, q)))].filter((k) => k > lo && k < hi);
    for (const knot of knots) {
      scaling.hinges.push({ column: j, knot, ...moments(clipped.map((v) => Math.max(0, v - knot))) });
    }
  }
  return scaling;
}

function moments(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const n = values.length;
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? sumSq / n - mean * mean : 0;
  // A constant column carries nothing; dividing by 1 keeps it at zero instead of exploding.
  return { mean, std: variance > 1e-12 ? Math.sqrt(variance) : 1 };
}

/** Model inputs for natural values (a new matrix; `natural` stays for the factors' values). */
export function scale(scaling: Scaling, natural: Matrix): Matrix {
  const { rows, cols: d } = natural;
  const cols = d + scaling.hinges.length;
  const data = new Float32Array(rows * cols);
  const clipped = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const out = i * cols;
    for (let j = 0; j < d; j++) {
      const v = natural.data[i * d + j]!;
      clipped[j] = Number.isNaN(v)
        ? Number.NaN
        : Math.min(scaling.hi[j]!, Math.max(scaling.lo[j]!, transform(scaling.transforms[j]!, v)));
      // Missing: the training mean, zero.
      if (!Number.isNaN(v)) data[out + j] = (clipped[j]! - scaling.mean[j]!) / scaling.std[j]!;
    }
    scaling.hinges.forEach((h, k) => {
      const c = clipped[h.column]!;
      if (!Number.isNaN(c)) data[out + d + k] = (Math.max(0, c - h.knot) - h.mean) / h.std;
    });
  }
  return { rows, cols, data };
}

/**
 * Contributions per input column folded back to one per natural feature: a hinge's contribution
 * is its feature's. Row-major, `naturalCols` wide.
 */
export function foldHinges(
  scaling: Scaling,
  contributions: Float32Array,
  rows: number,
  naturalCols: number,
): Float32Array {
  const cols = naturalCols + scaling.hinges.length;
  if (scaling.hinges.length === 0) return contributions;
  const out = new Float32Array(rows * naturalCols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < naturalCols; j++) out[i * naturalCols + j] = contributions[i * cols + j]!;
    scaling.hinges.forEach((h, k) => {
      out[i * naturalCols + h.column]! += contributions[i * cols + naturalCols + k]!;
    });
  }
  return out;
}
