/**
 * Acceptance (issue 12, "Done when"): on synthetic populations whose every profile carries its true
 * churn and conversion probabilities, the models come within 0.02 AUC of the truth on the same
 * held-out profiles, and their top global factors are signals the generator planted
 * (packages/synthetic/README.md, "The truth" and "The shop truth"). Two truths: the basic one, a
 * logistic function of counts, and the shop truth, with purchase cadence, abandoned carts, a
 * browsed category, ticket topics and attributes the model is not told about. No attribute is
 * listed: the model finds them. About 25 s a model on two cores with the wasm backend.
 */
import { generatePopulation, type TruthKind } from "@segflow/synthetic";
import { describe, expect, it } from "vitest";
import { type FitResult, fitPropensity } from "./fit.js";
import { auc } from "./metrics.js";
import type { ModelSpecInput } from "./model-spec.js";
import { bandOf } from "./scorer.js";

const now = new Date("2026-12-01T00:00:00Z");
const PROFILES = 20_000;

/** A factor (a feature's label) measures one of these planted signals. */
const anyOf =
  (...patterns: RegExp[]) =>
  (label: string) =>
    patterns.some((p) => p.test(label));

// The basic truth reads recency, events in 30 days, purchases and revenue in 90 days, carts in 30
// days, email clicks and tickets in 90 days, and the loyalty tier; conversion is (1 - churn) · buy,
// so it reads the churn signals too. Activity is planted as events in 30 days: active days, and
// the same counts over 90 days, measure it too (they move together), and the model may split it
// between them.
const BASIC_CHURN_SIGNALS = [
  /^days since the last event$/,
  /^(events|active days) in the last (30|90) days$/,
  /^purchase events in the last 90 days$/,
  /^supportTicket events in the last 90 days$/,
  /^loyalty\.tier/,
];
const BASIC_CHURN = anyOf(...BASIC_CHURN_SIGNALS);
const BASIC_CONVERSION = anyOf(
  ...BASIC_CHURN_SIGNALS,
  /^revenue in the last 90 days$/,
  /^addToCart events in the last 30 days$/,
  /^emailClick events in the last 90 days$/,
);
// The shop truth (packages/synthetic/README.md, "The shop truth"). Activity is planted as active
// days in 30 days and their trend; over 90 days they measure it too.
const SHOP = anyOf(
  /^days since the last (goal )?event$/,
  /^active days in the last (30|90) days$/,
  /^change in active days/,
  /^revenue in the last 90 days$/,
  /^days since the last purchase event/,
  /^mean days between purchase events/,
  /^addToCart events since the last purchase event$/,
  /^days since an addToCart event not followed by a purchase event$/,
  /product\.category = electronics/,
  /topic = refund/,
  /^plan\b/,
  /^emailOptIn/,
  /signupDate/,
  /^loyalty\.points/,
  /birthDate/,
);

const cases: {
  truth: TruthKind;
  type: "churn" | "conversion";
  planted: (label: string) => boolean;
  topK: number;
}[] = [
  { truth: "basic", type: "churn", planted: BASIC_CHURN, topK: 3 },
  { truth: "basic", type: "conversion", planted: BASIC_CONVERSION, topK: 3 },
  { truth: "shop", type: "churn", planted: SHOP, topK: 5 },
  { truth: "shop", type: "conversion", planted: SHOP, topK: 5 },
];

const populations = new Map<TruthKind, ReturnType<typeof population>>();
function population(truth: TruthKind) {
  const profiles = [...generatePopulation({ profiles: PROFILES, seed: 42, now, truth, historyDays: 240 })];
  return { profiles, truthById: new Map(profiles.map((p) => [p.id, p.truth])) };
}

describe.each(cases)(
  "a $type model on 20,000 profiles of the $truth truth (seed 42)",
  ({ truth, type, planted, topK }) => {
    const spec: ModelSpecInput = {
      name: type,
      type,
      goal: type === "churn" ? "type is not null" : 'type = "purchase"',
      windowDays: 30,
    };
    let result: FitResult;
    const data = () => {
      if (!populations.has(truth)) populations.set(truth, population(truth));
      return populations.get(truth)!;
    };
    const fitted = async () => {
      result ??= await fitPropensity(spec, data().profiles, { now });
      return result;
    };

    it("ranks held-out profiles within 0.02 AUC of their true probabilities", async () => {
      const { metrics, heldOut } = await fitted();
      const probabilities = heldOut.profileIds.map((id) => data().truthById.get(id)![type]);
      const truthAuc = auc(probabilities, heldOut.labels);
      console.info(
        `${truth} ${type}: held-out AUC ${metrics.auc} (${metrics.kind}, ${metrics.cutoffs.cutoffs} cutoffs, ` +
          `${metrics.calibration.method}), truth ${truthAuc.toFixed(4)}, top factors ${metrics.topFactors
            .slice(0, 5)
            .map((f) => f.feature)
            .join(" | ")}, ${metrics.trainSeconds} s on ${metrics.backend}`,
      );
      expect(metrics.split).toBe("profiles");
      expect(heldOut.labels.length).toBe(metrics.examples.test);
      expect(truthAuc - metrics.auc).toBeLessThanOrEqual(0.02);
    }, 300_000);

    it(`has planted signals as its top ${topK} global factors`, async () => {
      const { metrics } = await fitted();
      const top = metrics.topFactors.slice(0, topK).map((f) => f.feature);
      expect(
        top.filter((f) => !planted(f)),
        `top factors ${top.join(" | ")}`,
      ).toEqual([]);
    }, 300_000);

    it("finds the attributes by itself and says which it used", async () => {
      const { metrics } = await fitted();
      const used = metrics.attributes.used.map((a) => a.path);
      // Every attribute the generator writes with enough coverage and a usable kind …
      for (const path of [
        "plan",
        "emailOptIn",
        "signupDate",
        "birthDate",
        "loyalty.tier",
        "loyalty.points",
        "tags",
      ]) {
        expect(used, path).toContain(path);
      }
      // … and not the identifiers.
      for (const path of ["email", "firstName", "lastName"]) {
        expect(used, path).not.toContain(path);
        expect(metrics.attributes.skipped.map((s) => s.path)).toContain(path);
      }
    }, 300_000);

    it("scores every eligible profile, with score bands that match the scores and three factors named by their labels", async () => {
      const { scores, metrics, artefact } = await fitted();
      const labels = new Set(artefact.schema.features.map((f) => f.label));
      expect(scores).toHaveLength(PROFILES);
      expect(new Set(scores.map((s) => s.id)).size).toBe(PROFILES);
      for (const s of scores) {
        expect(s.probability).toBeGreaterThanOrEqual(0);
        expect(s.probability).toBeLessThanOrEqual(1);
        expect(s.score).toBe(Math.round(s.probability * 100));
        expect(s.percentile).toBeGreaterThanOrEqual(1);
        expect(s.percentile).toBeLessThanOrEqual(100);
        expect(s.bucket).toBe(bandOf(s.score, { medium: 25, high: 75 }));
        expect(s.factors).toHaveLength(3);
        for (const f of s.factors) expect(labels.has(f.feature), f.feature).toBe(true);
      }
      expect(metrics.examples.scored).toBe(PROFILES);
    }, 300_000);

    it("is calibrated on held-out profiles: predicted and observed rates agree by decile", async () => {
      const { metrics } = await fitted();
      for (const d of metrics.deciles)
        expect(Math.abs(d.meanPredicted - d.rate), `decile ${d.decile}`).toBeLessThan(0.08);
      expect(metrics.calibration.testLogLoss.calibrated).toBeLessThanOrEqual(
        metrics.calibration.testLogLoss.prior + 0.005,
      );
    }, 300_000);
  },
);
