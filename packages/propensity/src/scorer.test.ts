import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FitResult, fitPropensity } from "./fit.js";
import type { ModelSpecInput } from "./model-spec.js";
import { bandOf, percentileCutpoints, percentileOf, Scorer } from "./scorer.js";
import { testPopulation } from "./testing/population.js";

describe("percentileOf", () => {
  const cutpoints = percentileCutpoints(Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000));

  it("is 1..100 and never decreases as the probability grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pLo = percentileOf(lo, cutpoints);
          const pHi = percentileOf(hi, cutpoints);
          for (const p of [pLo, pHi]) {
            expect(Number.isInteger(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(1);
            expect(p).toBeLessThanOrEqual(100);
          }
          expect(pLo).toBeLessThanOrEqual(pHi);
        },
      ),
    );
    expect(percentileOf(0, cutpoints)).toBe(1);
    expect(percentileOf(1, cutpoints)).toBe(100);
  });

  it("places a probability among the population it was fitted on: the share below it, rounded up", () => {
    for (let i = 0; i < 1000; i++) {
      expect(percentileOf((i + 0.5) / 1000, cutpoints)).toBe(Math.max(1, Math.ceil((100 * i) / 1000)));
    }
    expect(percentileOf(0.5, cutpoints)).toBe(50);
  });

  it("has 99 cutpoints, the 1st to the 99th percentile, and none for no population", () => {
    expect(cutpoints).toHaveLength(99);
    expect(cutpoints[0]).toBeCloseTo(0.0105, 6);
    expect(cutpoints[98]).toBeCloseTo(0.9905, 6);
    expect(percentileCutpoints([])).toEqual([]);
  });
});

describe("bandOf", () => {
  it("is low below medium, medium from medium, high from high (default 25 / 75)", () => {
    const defaults = { medium: 25, high: 75 };
    expect([0, 24, 25, 74, 75, 100].map((s) => bandOf(s, defaults))).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
  });

  it("follows the model's own thresholds", () => {
    const thresholds = { medium: 10, high: 40 };
    expect([9, 10, 39, 40].map((s) => bandOf(s, thresholds))).toEqual(["low", "medium", "medium", "high"]);
  });
});

describe("Scorer", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const profiles = testPopulation(1500, 200, now, 3);
  const spec: ModelSpecInput = {
    name: "conversion",
    type: "conversion",
    goal: 'type = "purchase"',
    windowDays: 30,
    attributes: ["tier"],
    buckets: { medium: 10, high: 30 },
    dataChecks: { minPositives: 50, minNegatives: 50 },
  };
  const fits = new Map<string, Promise<FitResult>>();
  const fit = (kind: "logistic" | "mlp") => {
    if (!fits.has(kind)) fits.set(kind, fitPropensity(spec, profiles, { now, seed: 7, kinds: [kind] }));
    return fits.get(kind)!;
  };

  it.each(["logistic", "mlp"] as const)(
    "rebuilt from the %s artefact (through JSON, as it is stored), gives the scores fitPropensity gave",
    async (kind) => {
      const result = await fit(kind);
      expect(result.metrics.kind).toBe(kind);
      const scorer = new Scorer(JSON.parse(JSON.stringify(result.artefact)));
      try {
        expect(scorer.score(profiles, now)).toEqual(result.scores);
      } finally {
        scorer.dispose();
      }
    },
  );

  it("scores with the model's score bands and three factors, in range", async () => {
    const { scores, metrics } = await fit("logistic");
    expect(scores).toHaveLength(1500);
    for (const s of scores) {
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      expect(s.score).toBe(Math.round(s.probability * 100));
      expect(s.bucket).toBe(bandOf(s.score, { medium: 10, high: 30 }));
      expect(s.factors).toHaveLength(3);
    }
    expect(metrics.bucketCounts.low + metrics.bucketCounts.medium + metrics.bucketCounts.high).toBe(1500);
  });

  it("scores only the profiles eligible at now, and the same profile the same way alone or in a crowd", async () => {
    const { artefact, scores } = await fit("logistic");
    const eligibleArtefact = { ...artefact, spec: { ...artefact.spec, eligible: 'tier = "gold"' } };
    const scorer = new Scorer(eligibleArtefact);
    try {
      const gold = scorer.score(profiles, now);
      expect(gold.map((s) => s.id)).toEqual(
        profiles.filter((p) => (p.attributes as { tier: string }).tier === "gold").map((p) => p.id),
      );
      const byId = new Map(scores.map((s) => [s.id, s]));
      for (const s of gold.slice(0, 20)) expect(s).toEqual(byId.get(s.id));
      const one = profiles.find((p) => p.id === gold[7]!.id)!;
      expect(scorer.score([one], now)).toEqual([gold[7]]);
    } finally {
      scorer.dispose();
    }
  });
});
