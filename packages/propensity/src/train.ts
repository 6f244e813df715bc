/**
 * Fits one network: Adam on mini-batches, class-weighted log loss with L2 on the kernels, early
 * stopping on the validation loss (the best epoch's weights are kept).
 *
 * Class imbalance: each class weighs `n / (2 · its count)`, so both classes pull equally on the
 * fit. That shifts the learned logit by `ln(w₁/w₀) = ln(negatives/positives)`; subtracting it
 * again (`logitOffset`) gives calibrated probabilities (the prior correction for weighted or
 * re-sampled training, King & Zeng 2001).
 */
import * as tf from "@tensorflow/tfjs";
import { type Matrix, toTensor } from "./matrix.js";
import { DEFAULT_HIDDEN_UNITS, type ModelKind, Network, type NetworkWeights } from "./network.js";
import { seededRandom, shuffle } from "./random.js";

export interface TrainOptions {
  seed: number;
  maxEpochs: number;
  patience: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  /** Hidden units of an `mlp`. */
  hidden: number;
  /**
   * A refit: exactly this many epochs, keeping the last weights, with no early stopping (its
   * validation set is part of what it trains on).
   */
  epochs?: number;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, "seed"> = {
  maxEpochs: 30,
  patience: 3,
  batchSize: 512,
  learningRate: 0.005,
  l2: 1e-4,
  hidden: DEFAULT_HIDDEN_UNITS,
};

export interface TrainedNetwork {
  weights: NetworkWeights;
  /** Added to the network's logit to undo the class weighting. */
  logitOffset: number;
  epochs: number;
  bestEpoch: number;
  validationLoss: number[];
}

function weightedLogLoss(logits: tf.Tensor1D, labels: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  // log(1 + e^-|z|) + max(z, 0) - z·y: the numerically stable binary cross-entropy from logits.
  const perExample = tf
    .relu(logits)
    .sub(logits.mul(labels))
    .add(tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return perExample.mul(weights).sum().div(weights.sum()) as tf.Scalar;
}

export function trainNetwork(
  kind: ModelKind,
  train: { x: Matrix; y: Float32Array },
  validation: { x: Matrix; y: Float32Array },
  options: TrainOptions,
): TrainedNetwork {
  const n = train.x.rows;
  const positives = train.y.reduce((s, v) => s + v, 0);
  const w1 = n / (2 * positives);
  const w0 = n / (2 * (n - positives));
  const classWeight = (y: Float32Array) => Float32Array.from(y, (v) => (v === 1 ? w1 : w0));

  const network = Network.create(kind, train.x.cols, options.seed, options.hidden);
  const optimizer = tf.train.adam(options.learningRate);
  const x = toTensor(train.x);
  const y = tf.tensor1d(train.y);
  const sampleWeight = tf.tensor1d(classWeight(train.y));
  const xv = toTensor(validation.x);
  const yv = tf.tensor1d(validation.y);
  const wv = tf.tensor1d(classWeight(validation.y));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const validationLoss: number[] = [];
  let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, params: network.params.map((p) => p.clone()) };
  try {
    const refit = options.epochs !== undefined;
    for (let epoch = 1; epoch <= (options.epochs ?? options.maxEpochs); epoch++) {
      shuffle(order, random);
      for (let start = 0; start < n; start += options.batchSize) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + options.batchSize)), "int32");
          const xb = tf.gather(x, idx) as tf.Tensor2D;
          const yb = tf.gather(y, idx) as tf.Tensor1D;
          const wb = tf.gather(sampleWeight, idx) as tf.Tensor1D;
          optimizer.minimize(() => {
            const loss = weightedLogLoss(network.logits(xb), yb, wb);
            const penalty = network.kernels().reduce((s, k) => s.add(k.square().sum()), tf.scalar(0));
            return loss.add(penalty.mul(options.l2)) as tf.Scalar;
          });
        });
      }
      const loss = tf.tidy(() => weightedLogLoss(network.logits(xv), yv, wv).dataSync()[0]!);
      validationLoss.push(loss);
      if (refit || loss < best.loss - 1e-5) {
        for (const p of best.params) p.dispose();
        best = { loss, epoch, params: network.params.map((p) => p.clone()) };
      } else if (epoch - best.epoch >= options.patience) {
        break;
      }
    }
    network.assign(best.params);
    return {
      weights: network.weights(),
      logitOffset: -Math.log(w1 / w0),
      epochs: validationLoss.length,
      bestEpoch: best.epoch,
      validationLoss,
    };
  } finally {
    for (const t of [x, y, sampleWeight, xv, yv, wv, ...best.params]) t.dispose();
    optimizer.dispose();
    network.dispose();
  }
}
