import { attributions } from "./attribution.js";
import { type Calibration, calibrated } from "./calibration.js";
import { type Matrix, toTensor } from "./matrix.js";
import { Network, type NetworkWeights } from "./network.js";

export class Predictor {
  private constructor(
    private readonly networks: Network[],
    readonly calibration: Calibration,
    private readonly owned: boolean,
  ) {}

  static fromWeights(weights: readonly NetworkWeights[], calibration: Calibration): Predictor {
    return new Predictor(
      weights.map((w) => Network.fromWeights(w)),
      calibration,
      true,
    );
  }

  /** Over networks the caller keeps (and disposes). */
  static over(networks: Network[], calibration: Calibration): Predictor {
    return new Predictor(networks, calibration, false);
  }

  /** The mean logit of the networks, before calibration. */
  logits(x: Matrix): Float32Array {
    const out = new Float32Array(x.rows);
    if (x.rows === 0) return out;
    const input = toTensor(x);
    try {
      for (const network of this.networks) {
        const logits = network.logits(input);
        const z = logits.dataSync();
        logits.dispose();
        for (let i = 0; i < x.rows; i++) out[i]! += z[i]! / this.networks.length;
      }
    } finally {
      input.dispose();
    }
    return out;
  }

  probabilities(x: Matrix): Float32Array {
    return this.logits(x).map((z) => calibrated(this.calibration, z));
  }

  /** Each feature's contribution to the calibrated log-odds, row-major like `x`. */
  attributions(x: Matrix): Float32Array {
    const out = new Float32Array(x.rows * x.cols);
    const weight = this.calibration.scale / this.networks.length;
    for (const network of this.networks) {
      const a = attributions(network, x);
      for (let i = 0; i < out.length; i++) out[i]! += weight * a[i]!;
    }
    return out;
  }

  dispose(): void {
    if (this.owned) for (const n of this.networks) n.dispose();
  }
}
