/**
 * Factor honesty (README.md, "Scores and factors"): the factors of a fitted model add up to its calibrated
 * log-odds minus the baseline's, their signs are the model's, and they name readable features with
 * their natural values.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileModelConditions } from "./conditions.js";
import { DatasetBuilder } from "./dataset.js";
import { type FitResult, fitPropensity } from "./fit.js";
import type { Matrix } from "./matrix.js";
import { ModelSpec, type ModelSpecInput } from "./model-spec.js";
import type { ModelKind } from "./network.js";
import { Predictor } from "./predictor.js";
import { foldHinges, type Scaling, scale } from "./scaling.js";
import { testPopulation } from "./testing/population.js";

const now = new Date("2026-12-01T00:00:00Z");
const profiles = testPopulation(1500, 200, now, 3);
const specInput: ModelSpecInput = {
  name: "conversion",
  type: "conversion",
  goal: 'type = "purchase"',
  windowDays: 30,
  attributes: ["tier"],
  dataChecks: { minPositives: 50, minNegatives: 50 },
};

/** The scored profiles' natural values, as fitPropensity read them (the same data gives the same schema). */
function naturalScoringRows(result: FitResult): { natural: Matrix; x: Matrix; ids: string[] } {
  const spec = ModelSpec.parse(specInput);
  const builder = new DatasetBuilder(spec, now, compileModelConditions(spec));
  for (const p of profiles) builder.add(p);
  const data = builder.finish();
  expect(data.schema).toEqual(result.artefact.schema);
  return {
    natural: data.scoring.x,
    x: scale(result.artefact.scaling, data.scoring.x),
    ids: data.scoring.profileIds,
  };
}

/** The calibrated log-odds: what the attributions are measured in. */
function calibratedLogits(predictor: Predictor, x: Matrix): Float64Array {
  const { scale: a, offset: b } = predictor.calibration;
  return Float64Array.from(predictor.logits(x), (z) => a * z + b);
}

const zeros = (cols: number): Matrix => ({ rows: 1, cols, data: new Float32Array(cols) });

/** Row `i` of `x` with input `j` moved to the baseline, 0. */
function withBaseline(x: Matrix, i: number, j: number): Matrix {
  const data = x.data.slice(i * x.cols, (i + 1) * x.cols);
  data[j] = 0;
  return { rows: 1, cols: x.cols, data };
}

/** Row `i` with feature `j` at the baseline: its own input column and its hinges (scaling.ts). */
function withFeatureAtBaseline(x: Matrix, i: number, j: number, scaling: Scaling, features: number): Matrix {
  const row = withBaseline(x, i, j);
  scaling.hinges.forEach((h, k) => {
    if (h.column === j) row.data[features + k] = 0;
  });
  return row;
}

function rowSum(a: Float32Array, i: number, cols: number): number {
  let s = 0;
  for (let j = 0; j < cols; j++) s += a[i * cols + j]!;
  return s;
}

const fits = new Map<string, Promise<FitResult>>();
const fit = (kinds: readonly ModelKind[]) => {
  const key = kinds.join("+");
  if (!fits.has(key)) fits.set(key, fitPropensity(specInput, profiles, { now, seed: 7, kinds }));
  return fits.get(key)!;
};

describe("Predictor factors", () => {
  let logistic: FitResult;
  let both: FitResult;
  let mlp: FitResult;
  beforeAll(async () => {
    [logistic, both, mlp] = await Promise.all([fit(["logistic"]), fit(["logistic", "mlp"]), fit(["mlp"])]);
  }, 60_000);

  /** An ensemble of the logistic and the MLP under a Platt calibration that is not the identity. */
  const ensemble = () =>
    Predictor.fromWeights([...logistic.artefact.networks, ...mlp.artefact.networks], {
      method: "platt",
      scale: 0.7,
      offset: -0.4,
    });
  const fitted = (result: FitResult) =>
    Predictor.fromWeights(result.artefact.networks, result.artefact.calibration);

  /** The fitted models and the ensemble. */
  const models = (): [string, Predictor][] => [
    ["logistic", fitted(logistic)],
    [`logistic + mlp (kept: ${both.metrics.kind})`, fitted(both)],
    ["mlp", fitted(mlp)],
    ["ensemble (Platt)", ensemble()],
  ];

  it("the two fits share their scaling, so that their networks can be averaged", () => {
    expect(mlp.artefact.scaling).toEqual(logistic.artefact.scaling);
    expect(mlp.artefact.schema).toEqual(logistic.artefact.schema);
  });

  it("add up, row by row, to the calibrated logit minus the baseline's (all-zero input)", () => {
    const { x } = naturalScoringRows(logistic);
    for (const [name, predictor] of models()) {
      try {
        const contributions = predictor.attributions(x);
        const logits = calibratedLogits(predictor, x);
        const baseline = calibratedLogits(predictor, zeros(x.cols))[0]!;
        let spread = 0;
        for (let i = 0; i < x.rows; i++) {
          const gain = logits[i]! - baseline;
          expect(rowSum(contributions, i, x.cols), `${name}, row ${i}`).toBeCloseTo(gain, 3);
          spread += Math.abs(gain);
        }
        // Not a model that says the same for everyone.
        expect(spread / x.rows).toBeGreaterThan(0.1);
      } finally {
        predictor.dispose();
      }
    }
  });

  it("add up to the written probability: σ(baseline + the sum of the factors)", () => {
    const { x } = naturalScoringRows(both);
    const predictor = fitted(both);
    try {
      const contributions = predictor.attributions(x);
      const baseline = calibratedLogits(predictor, zeros(x.cols))[0]!;
      both.scores.forEach((s, i) => {
        const p = 1 / (1 + Math.exp(-(baseline + rowSum(contributions, i, x.cols))));
        expect(s.probability).toBeCloseTo(p, 4);
      });
    } finally {
      predictor.dispose();
    }
  });

  it("logistic: moving any feature to the baseline moves the calibrated logit by exactly minus its impact", () => {
    const { x } = naturalScoringRows(logistic);
    const predictor = fitted(logistic);
    try {
      const contributions = predictor.attributions(x);
      const logits = calibratedLogits(predictor, x);
      let moved = 0;
      for (let i = 0; i < x.rows; i += 37) {
        for (let j = 0; j < x.cols; j++) {
          const change = calibratedLogits(predictor, withBaseline(x, i, j))[0]! - logits[i]!;
          const impact = contributions[i * x.cols + j]!;
          expect(change, `row ${i}, feature ${j}`).toBeCloseTo(-impact, 4);
          if (Math.abs(impact) > 0.01) moved++;
        }
      }
      expect(moved).toBeGreaterThan(50);
      // And the factors written on a profile are those contributions per feature (a feature's own
      // column and its hinges), largest first.
      const { scaling, schema } = logistic.artefact;
      const labels = schema.features.map((f) => f.label);
      const perFeature = foldHinges(scaling, contributions, x.rows, labels.length);
      logistic.scores.forEach((s, i) => {
        if (i % 37 !== 0) return;
        for (const f of s.factors) {
          const j = labels.indexOf(f.feature);
          expect(f.impact).toBeCloseTo(perFeature[i * labels.length + j]!, 4);
          const atBaseline = withFeatureAtBaseline(x, i, j, scaling, labels.length);
          const change = calibratedLogits(predictor, atBaseline)[0]! - logits[i]!;
          expect(change).toBeCloseTo(-f.impact, 3);
          if (f.impact !== 0) expect(Math.sign(change)).toBe(-Math.sign(f.impact));
        }
      });
    } finally {
      predictor.dispose();
    }
  });

  it("mlp and ensemble: moving a row's top factor to the baseline moves the logit against its impact (≥ 90% of rows)", () => {
    const { x } = naturalScoringRows(mlp);
    for (const [name, predictor] of [
      ["mlp", fitted(mlp)],
      ["ensemble", ensemble()],
    ] as const) {
      try {
        const { scaling, schema } = mlp.artefact;
        const d = schema.features.length;
        const contributions = foldHinges(scaling, predictor.attributions(x), x.rows, d);
        const logits = calibratedLogits(predictor, x);
        let agree = 0;
        for (let i = 0; i < x.rows; i++) {
          let top = 0;
          for (let j = 1; j < d; j++) {
            if (Math.abs(contributions[i * d + j]!) > Math.abs(contributions[i * d + top]!)) top = j;
          }
          const impact = contributions[i * d + top]!;
          const atBaseline = withFeatureAtBaseline(x, i, top, scaling, d);
          const change = calibratedLogits(predictor, atBaseline)[0]! - logits[i]!;
          if (Math.sign(change) === -Math.sign(impact)) agree++;
        }
        expect(agree / x.rows, name).toBeGreaterThanOrEqual(0.9);
      } finally {
        predictor.dispose();
      }
    }
  });

  it("name readable features, with the profile's natural value", () => {
    for (const result of [logistic, both]) {
      const { natural, ids } = naturalScoringRows(result);
      const features = result.artefact.schema.features;
      const labels = features.map((f) => f.label);
      expect(labels).toContain("purchase events in the last 30 days");
      expect(labels).toContain("days since the last event");
      expect(ids).toEqual(result.scores.map((s) => s.id));
      const named = new Set<string>();
      result.scores.forEach((s, i) => {
        expect(s.factors).toHaveLength(3);
        for (const f of s.factors) {
          const j = labels.indexOf(f.feature);
          expect(j, f.feature).toBeGreaterThanOrEqual(0);
          // A label, not a key such as "purchase.30d".
          expect(f.feature).not.toBe(features[j]!.key);
          expect(f.feature).toMatch(/ /);
          const v = natural.data[i * natural.cols + j]!;
          expect(f.value).toBe(Number.isNaN(v) ? null : Math.round(v * 100) / 100);
          named.add(f.feature);
        }
      });
      expect(named.size).toBeGreaterThan(3);
    }
  });
});
