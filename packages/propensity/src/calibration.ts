/**
 * Calibration (README.md, "Calibration"): a probability of 0.3 should come true three times in
 * ten. Training weighs the classes equally and undoes it with the prior correction (train.ts);
 * Platt scaling, `p = σ(a·z + b)` on the model's logit `z`, fitted on the validation profiles,
 * replaces it when it lowers the validation log loss out of sample (two folds, each fitted on the
 * other). Platt and not isotonic regression: a monotone affine map keeps the ranking (AUC) and
 * keeps the factors exact, since every factor's impact on the log-odds is simply scaled by `a`.
 */

export interface Calibration {
  method: "prior" | "platt";
  /** `p = σ(scale · z + offset)`, `z` the mean of the networks' logits. */
  scale: number;
  offset: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrated(c: Pick<Calibration, "scale" | "offset">, z: number): number {
  return sigmoid(c.scale * z + c.offset);
}

/** Mean log loss, probabilities kept off 0 and 1. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]!));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return p.length === 0 ? Number.NaN : s / p.length;
}

/** Maximum-likelihood `a, b` by Newton's method (a two-parameter logistic regression). */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>): { scale: number; offset: number } {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i]! + b);
      const r = p - y[i]!;
      const w = p * (1 - p);
      ga += r * z[i]!;
      gb += r;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    // A full Newton step overshoots from far away (an overconfident logit, where σ saturates and
    // the Hessian is tiny): halve it until the log loss falls (Lin, Lin & Weng 2007).
    const loss = plattLoss(z, y, a, b);
    for (let k = 0; k < 30 && plattLoss(z, y, a - da, b - db) > loss; k++) {
      da /= 2;
      db /= 2;
    }
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { scale: a, offset: b };
}

function plattLoss(z: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    // log(1 + e^-|u|) + max(u, 0) - u·y: stable for any u.
    const u = a * z[i]! + b;
    s += Math.log1p(Math.exp(-Math.abs(u))) + Math.max(u, 0) - u * y[i]!;
  }
  return s;
}

export interface CalibrationChoice {
  calibration: Calibration;
  /** Validation log loss with the prior correction, and with Platt scaling out of sample. */
  validationLogLoss: { prior: number; platt: number };
}

/**
 * Platt when it wins out of sample (and keeps the logit's direction), else the prior correction.
 * `fold` puts each validation row in fold 0 or 1 (by profile, so that no profile is on both sides).
 */
export function chooseCalibration(
  z: Float32Array,
  y: Float32Array,
  priorOffset: number,
  fold: (row: number) => 0 | 1,
): CalibrationChoice {
  const prior: Calibration = { method: "prior", scale: 1, offset: priorOffset };
  const priorLoss = logLoss(
    Array.from(z, (v) => calibrated(prior, v)),
    y,
  );
  const outOfSample = new Float64Array(z.length);
  for (const held of [0, 1] as const) {
    const fitRows = [...z.keys()].filter((i) => fold(i) !== held);
    const fitted = fitPlatt(
      fitRows.map((i) => z[i]!),
      fitRows.map((i) => y[i]!),
    );
    for (let i = 0; i < z.length; i++) if (fold(i) === held) outOfSample[i] = calibrated(fitted, z[i]!);
  }
  const plattLoss = logLoss(outOfSample, y);
  const validationLogLoss = { prior: priorLoss, platt: plattLoss };
  const all = fitPlatt(z, y);
  if (plattLoss < priorLoss && all.scale > 0) {
    return { calibration: { method: "platt", ...all }, validationLogLoss };
  }
  return { calibration: prior, validationLogLoss };
}
