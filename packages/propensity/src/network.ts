/**
 * The two model families, as plain TF.js variables so that the training loop, the weights we
 * store and the attribution all see the same parameters:
 * - `logistic`: logit = x·w + b (L2-regularised);
 * - `mlp`: one hidden layer of ReLU units (32 by default), then a linear logit.
 * Both output the logit; the probability is its sigmoid (after the prior correction, see train.ts).
 */
import * as tf from "@tensorflow/tfjs";

export type ModelKind = "logistic" | "mlp";
export const MODEL_KINDS: readonly ModelKind[] = ["logistic", "mlp"];

export const DEFAULT_HIDDEN_UNITS = 32;

export interface NetworkWeights {
  kind: ModelKind;
  inputs: number;
  /**
   * Each parameter's shape and values (row-major), in {@link Network.params} order. One object
   * per parameter, not parallel arrays of arrays: FerretDB stores no nested arrays.
   */
  params: { shape: number[]; values: number[] }[];
}

export class Network {
  readonly params: tf.Variable[];

  private constructor(
    readonly kind: ModelKind,
    readonly inputs: number,
    params: tf.Tensor[],
  ) {
    this.params = params.map((p) => tf.variable(p));
    for (const p of params) p.dispose();
  }

  static create(kind: ModelKind, inputs: number, seed: number, hidden = DEFAULT_HIDDEN_UNITS): Network {
    if (kind === "logistic") return new Network(kind, inputs, [tf.zeros([inputs, 1]), tf.zeros([1])]);
    // Glorot-uniform initial weights, seeded.
    const limit1 = Math.sqrt(6 / (inputs + hidden));
    const limit2 = Math.sqrt(6 / (hidden + 1));
    return new Network(kind, inputs, [
      tf.randomUniform([inputs, hidden], -limit1, limit1, "float32", seed),
      tf.zeros([hidden]),
      tf.randomUniform([hidden, 1], -limit2, limit2, "float32", seed + 1),
      tf.zeros([1]),
    ]);
  }

  static fromWeights(w: NetworkWeights): Network {
    return new Network(
      w.kind,
      w.inputs,
      w.params.map((p) => tf.tensor(p.values, p.shape)),
    );
  }

  /** Logits for a batch `[n, inputs]`, shape `[n]`. */
  logits(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.kind === "logistic") {
        const [w, b] = this.params as [tf.Variable, tf.Variable];
        return x
          .matMul(w as tf.Tensor2D)
          .add(b)
          .reshape([-1]) as tf.Tensor1D;
      }
      const [w1, b1, w2, b2] = this.params as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
      const hidden = tf.relu(x.matMul(w1 as tf.Tensor2D).add(b1)) as tf.Tensor2D;
      return hidden
        .matMul(w2 as tf.Tensor2D)
        .add(b2)
        .reshape([-1]) as tf.Tensor1D;
    });
  }

  /** The kernels (not the biases): what L2 regularisation shrinks. */
  kernels(): tf.Variable[] {
    return this.params.filter((p) => p.shape.length === 2);
  }

  weights(): NetworkWeights {
    return {
      kind: this.kind,
      inputs: this.inputs,
      params: this.params.map((p) => ({ shape: [...p.shape], values: Array.from(p.dataSync()) })),
    };
  }

  assign(values: tf.Tensor[]): void {
    this.params.forEach((p, i) => {
      p.assign(values[i]!);
    });
  }

  dispose(): void {
    for (const p of this.params) p.dispose();
  }
}
