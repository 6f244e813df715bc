import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { attributions, factorImportance, topFactors } from "./attribution.js";
import { initBackend } from "./backend.js";
import type { Matrix } from "./matrix.js";
import { toTensor } from "./matrix.js";
import { Network } from "./network.js";
import { seededRandom } from "./random.js";

const COLS = 6;
const ROWS = 300;

beforeAll(async () => {
  await initBackend();
});

/** Standard-normal-ish inputs: what standardised features look like. */
function inputs(rows: number, seed: number): Matrix {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return { rows, cols: COLS, data: Float32Array.from({ length: rows * COLS }, normal) };
}

/** A network with random (non-zero) parameters of the given shapes. */
function randomNetwork(kind: "logistic" | "mlp", seed: number): Network {
  const random = seededRandom(seed);
  const shapes = kind === "logistic" ? [[COLS, 1], [1]] : [[COLS, 16], [16], [16, 1], [1]];
  return Network.fromWeights({
    kind,
    inputs: COLS,
    params: shapes.map((shape) => ({
      shape,
      values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * random() - 1),
    })),
  });
}

/** logit(x) - logit(0) for each row: what the contributions must add up to. */
function logitGain(network: Network, x: Matrix): Float32Array {
  return tf.tidy(() => {
    const atX = network.logits(toTensor(x));
    const atZero = network.logits(tf.zeros([1, x.cols]));
    return atX.sub(atZero).dataSync() as Float32Array;
  });
}

function rowSums(contributions: Float32Array, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, i) =>
    contributions.subarray(i * cols, (i + 1) * cols).reduce((s, v) => s + v, 0),
  );
}

describe("attributions", () => {
  it("logistic: each row's contributions are w·x and add up to logit(x) - logit(0)", () => {
    const network = randomNetwork("logistic", 3);
    const x = inputs(ROWS, 4);
    const contributions = attributions(network, x);
    const w = network.params[0]!.dataSync();
    expect(contributions[5 * COLS + 2]).toBeCloseTo(w[2]! * x.data[5 * COLS + 2]!, 6);
    const gain = logitGain(network, x);
    rowSums(contributions, ROWS, COLS).forEach((sum, i) => {
      expect(sum).toBeCloseTo(gain[i]!, 4);
    });
    network.dispose();
  });

  it("mlp: integrated gradients add up to logit(x) - logit(0) within 2%", () => {
    for (const seed of [5, 6, 7]) {
      const network = randomNetwork("mlp", seed);
      // More rows than one attribution batch (4096), so that batching is covered too.
      const x = inputs(4200, seed + 10);
      const contributions = attributions(network, x);
      const gain = logitGain(network, x);
      let checked = 0;
      rowSums(contributions, x.rows, COLS).forEach((sum, i) => {
        const g = gain[i]!;
        // Relative where the gain is not tiny; a tiny gain is checked to an absolute 2% of one logit.
        expect(Math.abs(sum - g), `row ${i}: ${sum} vs ${g}`).toBeLessThanOrEqual(
          0.02 * Math.max(Math.abs(g), 1),
        );
        if (Math.abs(g) >= 1) checked++;
      });
      expect(checked).toBeGreaterThan(x.rows / 4);
      network.dispose();
    }
  });

  it("mlp: each feature's share is integrated gradients, as a fine Riemann sum of tf.grad finds it", () => {
    const network = randomNetwork("mlp", 11);
    const x = inputs(5, 12);
    const contributions = attributions(network, x);
    const steps = 2000;
    const gradient = tf.grad((input: tf.Tensor) => network.logits(input as tf.Tensor2D).sum());
    const numeric = tf.tidy(() => {
      const xb = toTensor(x);
      const alphas = tf.linspace(0.5 / steps, 1 - 0.5 / steps, steps).reshape([steps, 1, 1]);
      const path = alphas.mul(xb.expandDims(0)).reshape([steps * x.rows, x.cols]);
      return gradient(path).reshape([steps, x.rows, x.cols]).mean(0).mul(xb).dataSync();
    });
    for (let k = 0; k < numeric.length; k++) expect(contributions[k]).toBeCloseTo(numeric[k]!, 2);
    network.dispose();
  });

  it("mlp: a feature the network ignores gets no contribution", () => {
    const network = randomNetwork("mlp", 8);
    const kernel = network.params[0]!;
    // Zero the first input's row of weights: its gradient is zero everywhere.
    kernel.assign(
      tf.tidy(() => kernel.mul(tf.tensor2d([0, 1, 1, 1, 1, 1], [COLS, 1]).tile([1, 16])) as tf.Tensor2D),
    );
    const x = inputs(50, 9);
    const contributions = attributions(network, x);
    for (let i = 0; i < x.rows; i++) expect(Math.abs(contributions[i * COLS]!)).toBe(0);
    network.dispose();
  });
});

describe("topFactors", () => {
  it("takes the largest contributions by size, with the natural value (null when missing)", () => {
    const contributions = Float32Array.from([0.1, -0.9, 0.5, 0.05, /* row 1 */ 1, 2, 3, 4]);
    const natural = Float32Array.from([10, Number.NaN, 1.23456, 7]);
    expect(topFactors(contributions, 0, 4, ["a", "b", "c", "d"], natural)).toEqual([
      { feature: "b", value: null, impact: -0.9 },
      { feature: "c", value: 1.23, impact: 0.5 },
      { feature: "a", value: 10, impact: 0.1 },
    ]);
    expect(topFactors(contributions, 1, 4, ["a", "b", "c", "d"], natural, 2).map((f) => f.feature)).toEqual([
      "d",
      "c",
    ]);
  });
});

describe("factorImportance", () => {
  it("shares the mean absolute contribution out to 1, largest first, with the mean signed impact", () => {
    // Two rows, three features.
    const contributions = Float32Array.from([1, -2, 0, -1, -2, 1]);
    const importance = factorImportance(contributions, 3, ["a", "b", "c"], [0, 1]);
    expect(importance).toEqual([
      { feature: "b", importance: 0.5714, meanImpact: -2 },
      { feature: "a", importance: 0.2857, meanImpact: 0 },
      { feature: "c", importance: 0.1429, meanImpact: 0.5 },
    ]);
    expect(factorImportance(contributions, 3, ["a", "b", "c"], [1])[0]).toEqual({
      feature: "b",
      importance: 0.5,
      meanImpact: -2,
    });
    expect(factorImportance(contributions, 3, ["a", "b", "c"], [])).toEqual([]);
  });
});
