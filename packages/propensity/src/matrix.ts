/** A dense row-major float matrix: the encoded examples, handed to TF.js in one piece. */
import * as tf from "@tensorflow/tfjs";

export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function toTensor(m: Matrix): tf.Tensor2D {
  return tf.tensor2d(m.data, [m.rows, m.cols]);
}
