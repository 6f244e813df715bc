import { describe, expect, it } from "vitest";
import { calibrated, chooseCalibration, fitPlatt, logLoss } from "./calibration.js";
import { seededRandom } from "./random.js";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Logits `t` spread like a model's, and labels drawn from `σ(t)`: `t` is the true log-odds. */
function truth(n: number, seed: number): { t: Float32Array; y: Float32Array } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const t = Float32Array.from({ length: n }, () => 1.5 * normal() - 1);
  const y = t.map((v) => (random() < sigmoid(v) ? 1 : 0));
  return { t, y };
}

const byParity = (row: number): 0 | 1 => (row % 2 === 0 ? 0 : 1);

describe("logLoss", () => {
  it("is the mean negative log-likelihood of the labels", () => {
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(logLoss([0.8, 0.1, 0.3], [1, 0, 1])).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.9) + Math.log(0.3)) / 3,
      12,
    );
  });

  it("stays finite for a confident mistake, and is NaN for no rows", () => {
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(-Math.log(1e-7), 6);
    expect(logLoss([], [])).toBeNaN();
  });
});

describe("fitPlatt", () => {
  it("recovers a known scale and offset from labels drawn from σ(a·z + b)", () => {
    const random = seededRandom(5);
    for (const [a, b] of [
      [0.4, -1],
      [2, 0.5],
    ] as const) {
      const z = Array.from({ length: 20_000 }, () => 4 * random() - 2);
      const y = z.map((v) => (random() < sigmoid(a * v + b) ? 1 : 0));
      const fitted = fitPlatt(z, y);
      expect(fitted.scale).toBeCloseTo(a, 1);
      expect(fitted.offset).toBeCloseTo(b, 1);
    }
  });

  it("converges from far away: an overconfident logit (the true log-odds times 3 or 10)", () => {
    // Newton's full step from (1, 0) overshoots where σ saturates; the fit must still find 1/k.
    const { t, y } = truth(6000, 14);
    const unscaled = fitPlatt(t, y);
    for (const k of [3, 10]) {
      const fitted = fitPlatt(
        t.map((v) => k * v),
        y,
      );
      expect(fitted.scale).toBeCloseTo(unscaled.scale / k, 4);
      expect(fitted.offset).toBeCloseTo(unscaled.offset, 4);
    }
  });

  it("is the maximum-likelihood fit: the log loss's gradient vanishes there", () => {
    const { t, y } = truth(3000, 6);
    const z = t.map((v) => 2 * v + 0.7);
    const { scale, offset } = fitPlatt(z, y);
    let ga = 0;
    let gb = 0;
    z.forEach((v, i) => {
      const r = sigmoid(scale * v + offset) - y[i]!;
      ga += r * v;
      gb += r;
    });
    expect(Math.abs(ga) / z.length).toBeLessThan(1e-6);
    expect(Math.abs(gb) / z.length).toBeLessThan(1e-6);
    const best = logLoss(
      Array.from(z, (v) => sigmoid(scale * v + offset)),
      y,
    );
    for (const [da, db] of [
      [0.05, 0],
      [-0.05, 0],
      [0, 0.05],
      [0, -0.05],
    ]) {
      const moved = logLoss(
        Array.from(z, (v) => sigmoid((scale + da!) * v + offset + db!)),
        y,
      );
      expect(moved).toBeGreaterThan(best);
    }
  });
});

describe("chooseCalibration", () => {
  it("picks Platt for an overconfident logit (the true log-odds times 3) and undoes the scaling", () => {
    const { t, y } = truth(6000, 7);
    const z = t.map((v) => 3 * v);
    const choice = chooseCalibration(z, y, 0, byParity);
    expect(choice.calibration.method).toBe("platt");
    expect(choice.calibration.scale).toBeCloseTo(1 / 3, 1);
    expect(choice.calibration.offset).toBeCloseTo(0, 0);
    expect(choice.validationLogLoss.platt).toBeLessThan(choice.validationLogLoss.prior);
    // The prior loss is the one of σ(z + prior offset).
    expect(choice.validationLogLoss.prior).toBeCloseTo(
      logLoss(
        Array.from(z, (v) => sigmoid(v)),
        y,
      ),
      10,
    );
    // And the kept calibration is fitted on every validation row.
    expect(choice.calibration.scale).toBeCloseTo(fitPlatt(z, y).scale, 10);
  });

  it("picks Platt when the prior correction's offset is wrong", () => {
    const { t, y } = truth(6000, 8);
    const choice = chooseCalibration(t, y, 1.5, byParity);
    expect(choice.calibration.method).toBe("platt");
    expect(choice.calibration.offset).toBeCloseTo(0, 0);
  });

  it("keeps the prior correction when it is already right (Platt wins only by chance, and then barely moves it)", () => {
    // Platt nests the prior correction, so in sample it always looks at least as good: only an
    // out-of-sample comparison keeps the prior most of the time.
    let keptPrior = 0;
    for (let seed = 20; seed < 40; seed++) {
      const { t, y } = truth(4000, seed);
      // The model's logit is the truth shifted by the class weighting, which the prior offset undoes.
      const z = t.map((v) => v + 0.8);
      const { calibration, validationLogLoss } = chooseCalibration(z, y, -0.8, byParity);
      if (calibration.method === "prior") {
        keptPrior++;
        expect(calibration).toEqual({ method: "prior", scale: 1, offset: -0.8 });
        expect(validationLogLoss.prior).toBeLessThanOrEqual(validationLogLoss.platt);
        expect(calibrated(calibration, z[0]!)).toBeCloseTo(sigmoid(t[0]!), 5);
      } else {
        expect(Math.abs(calibration.scale - 1)).toBeLessThan(0.1);
        expect(Math.abs(calibration.offset + 0.8)).toBeLessThan(0.2);
        expect(validationLogLoss.prior - validationLogLoss.platt).toBeLessThan(0.005);
      }
    }
    expect(keptPrior).toBeGreaterThanOrEqual(14);
  });

  it("never turns the logit around: a reversed logit keeps a scale of 1", () => {
    const { t, y } = truth(4000, 12);
    const reversed = t.map((v) => -v);
    // Platt would win (with a negative scale), but a negative scale reverses every ranking and factor.
    expect(fitPlatt(reversed, y).scale).toBeLessThan(0);
    const choice = chooseCalibration(reversed, y, 0, byParity);
    expect(choice.validationLogLoss.platt).toBeLessThan(choice.validationLogLoss.prior);
    expect(["prior", "intercept"]).toContain(choice.calibration.method);
    expect(choice.calibration.scale).toBe(1);
  });

  it("shifts the intercept when only the outcome rate moved (one parameter beats two)", () => {
    const { t, y } = truth(3000, 14);
    // The right ranking and slope, an offset 0.8 too high: the prior correction over-predicts.
    const choice = chooseCalibration(t, y, 0.8, byParity);
    expect(choice.validationLogLoss.intercept).toBeLessThan(choice.validationLogLoss.prior);
    expect(choice.calibration.method).not.toBe("prior");
    expect(choice.calibration.offset).toBeLessThan(0.8);
    if (choice.calibration.method === "intercept") {
      expect(choice.calibration.scale).toBe(1);
      // The mean probability is the observed rate.
      const mean = t.reduce((s, v) => s + calibrated(choice.calibration, v), 0) / t.length;
      expect(mean).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 4);
    }
  });

  it("measures Platt out of sample: each fold is scored by the fit on the other", () => {
    const { t, y } = truth(2000, 13);
    const z = t.map((v) => 2 * v);
    const choice = chooseCalibration(z, y, 0, byParity);
    const outOfSample = new Float64Array(z.length);
    for (const held of [0, 1]) {
      const rows = [...z.keys()].filter((i) => byParity(i) !== held);
      const fitted = fitPlatt(
        rows.map((i) => z[i]!),
        rows.map((i) => y[i]!),
      );
      for (let i = 0; i < z.length; i++) if (byParity(i) === held) outOfSample[i] = calibrated(fitted, z[i]!);
    }
    expect(choice.validationLogLoss.platt).toBeCloseTo(logLoss(outOfSample, y), 10);
    // In sample it would look better than it is.
    const all = fitPlatt(z, y);
    const inSample = logLoss(
      Array.from(z, (v) => calibrated(all, v)),
      y,
    );
    expect(inSample).toBeLessThan(choice.validationLogLoss.platt);
  });
});
