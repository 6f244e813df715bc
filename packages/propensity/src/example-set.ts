/**
 * A set of examples as the dataset builds them and fitting slices them: rows of natural feature
 * values, their labels, and which profile and cutoff each row is.
 */
import type { Matrix } from "./matrix.js";

/** Examples in natural units (features.ts, attributes.ts): NaN where a value is missing. */
export interface ExampleSet {
  x: Matrix;
  y: Float32Array;
  profileIds: string[];
  /** Each row's cutoff index `j`. */
  cutoffIndex: Int32Array;
}

/** The rows of a set that `keep` selects. */
export function selectRows(set: ExampleSet, keep: (row: number) => boolean): ExampleSet {
  const rows = [...set.y.keys()].filter(keep);
  const { cols } = set.x;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    data.set(set.x.data.subarray(r * cols, (r + 1) * cols), i * cols);
  });
  return {
    x: { rows: rows.length, cols, data },
    y: Float32Array.from(rows, (r) => set.y[r]!),
    profileIds: rows.map((r) => set.profileIds[r]!),
    cutoffIndex: Int32Array.from(rows, (r) => set.cutoffIndex[r]!),
  };
}

/** The rows of several sets, one after the other. */
export function concatSets(sets: readonly ExampleSet[]): ExampleSet {
  const cols = sets[0]!.x.cols;
  const rows = sets.reduce((n, s) => n + s.x.rows, 0);
  const data = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  const cutoffIndex = new Int32Array(rows);
  let at = 0;
  for (const set of sets) {
    data.set(set.x.data, at * cols);
    y.set(set.y, at);
    cutoffIndex.set(set.cutoffIndex, at);
    at += set.x.rows;
  }
  return { x: { rows, cols, data }, y, profileIds: sets.flatMap((s) => s.profileIds), cutoffIndex };
}
