/**
 * Calibration (README.md, "Calibration"): a probability of 0.3 should come true three times in
 * ten. Training weighs the classes equally and undoes it with the prior correction (train.ts);
 * an intercept shift (the offset that matches the outcome rate) or Platt scaling, `p = σ(a·z + b)`
 * on the model's logit `z`, fitted on the validation profiles at the latest cutoff (the period
 * closest to the one scored: outcome rates drift), replaces it when it lowers their log loss out
 * of sample (two folds, each fitted on the other). Affine maps of the logit and not isotonic
 * regression: they keep the ranking (AUC) and the factors exact, since every factor's impact on
 * the log-odds is simply scaled by `a`.
 */

export interface Calibration {
  method: "prior" | "intercept" | "platt";
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

/**
 * The offset that gives logits `z` (under `scale`) the mean probability `target`: how a refitted
 * model keeps the calibration chosen for the model before it. Bisection: the mean is monotone in
 * the offset.
 */
export function offsetForMean(z: ArrayLike<number>, scale: number, target: number): number {
  const mean = (offset: number) => {
    let s = 0;
    for (let i = 0; i < z.length; i++) s += calibrated({ scale, offset }, z[i]!);
    return s / z.length;
  };
  let lo = -30;
  let hi = 30;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Enough examples of both outcomes to fit a calibration on. */
const MIN_CALIBRATION_ROWS = 200;
const MIN_CALIBRATION_CLASS = 20;

/**
 * The rows to calibrate on: those at the latest cutoff (`cutoffIndex` 0) when there are enough of
 * them, else all of them.
 */
export function calibrationRowsOf(y: Float32Array, cutoffIndex: Int32Array): number[] {
  const latest = [...y.keys()].filter((r) => cutoffIndex[r] === 0);
  const positives = latest.reduce((n, r) => n + y[r]!, 0);
  const enough =
    latest.length >= MIN_CALIBRATION_ROWS &&
    Math.min(positives, latest.length - positives) >= MIN_CALIBRATION_CLASS;
  return enough ? latest : [...y.keys()];
}

export interface CalibrationChoice {
  calibration: Calibration;
  /**
   * Log loss on the calibration rows: the prior correction as is, and the intercept shift and
   * Platt scaling out of sample.
   */
  validationLogLoss: { prior: number; intercept: number; platt: number };
}

type Fit = (z: number[], y: number[]) => { scale: number; offset: number };

/** Each fold's rows predicted by a calibration fitted on the other fold. */
function outOfSampleLoss(z: Float32Array, y: Float32Array, fold: (row: number) => 0 | 1, fit: Fit): number {
  const predicted = new Float64Array(z.length);
  for (const held of [0, 1] as const) {
    const rows = [...z.keys()].filter((i) => fold(i) !== held);
    const fitted = fit(
      rows.map((i) => z[i]!),
      rows.map((i) => y[i]!),
    );
    for (let i = 0; i < z.length; i++) if (fold(i) === held) predicted[i] = calibrated(fitted, z[i]!);
  }
  return logLoss(predicted, y);
}

/** The offset alone, so that the mean probability is the observed rate. */
const fitIntercept: Fit = (z, y) => ({
  scale: 1,
  offset: offsetForMean(z, 1, y.reduce((s, v) => s + v, 0) / y.length),
});

/**
 * The calibration with the lowest log loss on the calibration rows, out of sample for the two
 * fitted ones: the prior correction, an intercept shift (one parameter: the outcome rate of the
 * latest period), or Platt scaling (two; kept only with a positive scale, which keeps the ranking
 * and the factors' signs). `fold` puts each row in fold 0 or 1 (by profile, so that no profile is
 * on both sides).
 */
export function chooseCalibration(
  z: Float32Array,
  y: Float32Array,
  priorOffset: number,
  fold: (row: number) => 0 | 1,
): CalibrationChoice {
  const prior: Calibration = { method: "prior", scale: 1, offset: priorOffset };
  const validationLogLoss = {
    prior: logLoss(
      Array.from(z, (v) => calibrated(prior, v)),
      y,
    ),
    intercept: outOfSampleLoss(z, y, fold, fitIntercept),
    platt: outOfSampleLoss(z, y, fold, fitPlatt),
  };
  const zs = Array.from(z);
  const ys = Array.from(y);
  const platt = fitPlatt(zs, ys);
  const candidates: Calibration[] = [
    prior,
    { method: "intercept", ...fitIntercept(zs, ys) },
    ...(platt.scale > 0 ? [{ method: "platt" as const, ...platt }] : []),
  ];
  const calibration = candidates.reduce((best, c) =>
    validationLogLoss[c.method] < validationLogLoss[best.method] ? c : best,
  );
  return { calibration, validationLogLoss };
}
