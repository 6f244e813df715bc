/**
 * Acceptance (issue 4, "Done when"): on the synthetic population, whose every profile carries its
 * true churn and conversion probabilities, the models come within 0.03 AUC of the truth on the same
 * held-out profiles, and their top global factors are the ones the generator planted
 * (packages/synthetic/README.md, "The truth"). About 25 s on two cores with the wasm backend.
 */
import { generatePopulation } from "@segflow/synthetic";
import { describe, expect, it } from "vitest";
import { type FitResult, fitPropensity } from "./fit.js";
import { auc } from "./metrics.js";
import type { ModelSpecInput } from "./model-spec.js";
import { bandOf } from "./scorer.js";

const now = new Date("2026-12-01T00:00:00Z");
const population = [...generatePopulation({ profiles: 20_000, seed: 42, now })];
const truthById = new Map(population.map((p) => [p.id, p.truth]));

const cases = [
  {
    type: "churn",
    goal: "type is not null",
    minAuc: 0.8,
    topK: 2,
    planted: (f: string) =>
      ["daysSinceLastEvent", "events.30d", "purchase.90d", "supportTicket.90d"].includes(f) ||
      f.startsWith("loyalty.tier="),
  },
  {
    type: "conversion",
    goal: 'type = "purchase"',
    minAuc: 0.76,
    topK: 3,
    planted: (f: string) =>
      ["daysSinceLastEvent", "purchase.90d", "revenue.90d", "addToCart.30d", "emailClick.90d"].includes(f),
  },
] as const;

describe.each(cases)(
  "a $type model on 20,000 synthetic profiles (seed 42)",
  ({ type, goal, minAuc, topK, planted }) => {
    const spec: ModelSpecInput = { name: type, type, goal, windowDays: 30, attributes: ["loyalty.tier"] };
    let result: FitResult;
    const fitted = async () => {
      result ??= await fitPropensity(spec, population, { now });
      return result;
    };

    it("ranks held-out profiles within 0.03 AUC of their true probabilities", async () => {
      const { metrics, heldOut } = await fitted();
      const truth = heldOut.profileIds.map((id) => truthById.get(id)![type]);
      const truthAuc = auc(truth, heldOut.labels);
      console.info(
        `${type}: held-out AUC ${metrics.auc} (${metrics.kind}), truth ${truthAuc.toFixed(4)}, ` +
          `top factors ${metrics.topFactors
            .slice(0, 4)
            .map((f) => f.feature)
            .join(", ")}, ${metrics.trainSeconds} s on ${metrics.backend}`,
      );
      expect(metrics.split).toBe("time");
      expect(heldOut.labels.length).toBe(metrics.examples.test);
      expect(Math.abs(metrics.auc - truthAuc)).toBeLessThanOrEqual(0.03);
      expect(metrics.auc).toBeGreaterThanOrEqual(minAuc);
      expect(truthAuc).toBeGreaterThanOrEqual(minAuc);
    }, 180_000);

    it(`has planted factors as its top ${topK} global factors`, async () => {
      const { metrics } = await fitted();
      const top = metrics.topFactors.slice(0, topK).map((f) => f.feature);
      expect(
        top.filter((f) => !planted(f)),
        `top factors ${top.join(", ")}`,
      ).toEqual([]);
    }, 180_000);

    it("scores every eligible profile, with score bands that match the scores and three factors each", async () => {
      const { scores, metrics } = await fitted();
      expect(scores).toHaveLength(20_000);
      expect(new Set(scores.map((s) => s.id)).size).toBe(20_000);
      for (const s of scores) {
        expect(s.probability).toBeGreaterThanOrEqual(0);
        expect(s.probability).toBeLessThanOrEqual(1);
        expect(s.score).toBe(Math.round(s.probability * 100));
        expect(s.percentile).toBeGreaterThanOrEqual(1);
        expect(s.percentile).toBeLessThanOrEqual(100);
        expect(s.bucket).toBe(bandOf(s.score, { medium: 25, high: 75 }));
        expect(s.factors).toHaveLength(3);
      }
      expect(metrics.examples.scored).toBe(20_000);
    }, 180_000);
  },
);
