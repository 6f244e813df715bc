import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cutoffOf, generatePopulation, type PopulationOptions, type SyntheticProfile } from "./population.js";
import { shopTruthFeatures } from "./shop-features.js";
import { shopTruthFor } from "./shop-truth.js";
import { auc } from "./testing/auc.js";
import { expectWindowsPlantedFromTruth } from "./testing/planted-windows.js";
import { outcomeOf } from "./truth.js";

const now = new Date("2026-12-01T00:00:00Z");
const cutoff = cutoffOf({ now });

const take = (n: number, seed: number, more: Partial<PopulationOptions> = {}) => [
  ...generatePopulation({ profiles: n, seed, now, ...more }),
];

function sha256Of(profiles: Iterable<SyntheticProfile>): string {
  const hash = createHash("sha256");
  for (const profile of profiles) hash.update(JSON.stringify(profile));
  return hash.digest("hex");
}

describe("the truth option", () => {
  it("leaves the default (basic) population as it was before the shop truth, byte for byte", () => {
    // The hash of the first 2,000 profiles of seed 42, measured on the commit before the shop truth.
    const before = "976c3d2c9fd2ff5c129d53d979c7e2c5e832ba7473259cc54315e820f9f55131";
    expect(sha256Of(generatePopulation({ profiles: 2000, seed: 42, now }))).toBe(before);
    expect(sha256Of(generatePopulation({ profiles: 2000, seed: 42, now, truth: "basic" }))).toBe(before);
  });

  it("draws the same people with the shop truth, with other outcomes", () => {
    const basic = take(200, 9);
    const shop = take(200, 9, { truth: "shop" });
    expect(shop.map((p) => p.attributes)).toEqual(basic.map((p) => p.attributes));
    expect(JSON.stringify(shop.map((p) => p.events))).not.toBe(JSON.stringify(basic.map((p) => p.events)));
  });

  it("rejects an unknown truth", () => {
    const first = () =>
      generatePopulation({ profiles: 1, seed: 1, now, truth: "fancy" as PopulationOptions["truth"] }).next();
    expect(first).toThrow(/truth must be one of basic, shop/);
  });
});

describe("generatePopulation({ truth: 'shop' }): 20,000 profiles, seed 42", () => {
  let population: SyntheticProfile[];

  beforeAll(() => {
    population = take(20_000, 42, { truth: "shop" });
  });

  it("keeps its truth equal to shopTruthFor on its own events, with Date or ISO timestamps", () => {
    for (const profile of population) {
      expect(shopTruthFor(profile.events, profile.attributes, cutoff)).toEqual(profile.truth);
    }
    for (const profile of population.slice(0, 500)) {
      const json = JSON.parse(JSON.stringify(profile));
      expect(shopTruthFor(json.events, json.attributes, cutoff)).toEqual(profile.truth);
    }
  });

  it("plants outcomes at the rates of the truth, with the truth AUCs and base rates of the README", () => {
    const outcomes = population.map((p) => outcomeOf(p.events, cutoff, now));
    const n = population.length;
    const churnTruth = population.reduce((sum, p) => sum + p.truth.churn, 0) / n;
    const conversionTruth = population.reduce((sum, p) => sum + p.truth.conversion, 0) / n;
    const churned = outcomes.filter((o) => o.churned).length;
    const converted = outcomes.filter((o) => o.converted).length;
    for (const p of population) expect(p.truth.conversion).toBeLessThanOrEqual(1 - p.truth.churn);
    expect(Math.abs(churned / n - churnTruth)).toBeLessThan(0.01);
    expect(Math.abs(converted / n - conversionTruth)).toBeLessThan(0.01);
    // The ranges the shop truth was designed for (README.md, "The shop truth")…
    const churnAuc = auc(
      population.map((p) => p.truth.churn),
      outcomes.map((o) => o.churned),
    );
    const conversionAuc = auc(
      population.map((p) => p.truth.conversion),
      outcomes.map((o) => o.converted),
    );
    expect(churnAuc).toBeGreaterThan(0.88);
    expect(churnAuc).toBeLessThan(0.94);
    expect(conversionAuc).toBeGreaterThan(0.85);
    expect(conversionAuc).toBeLessThan(0.91);
    expect(churned / n).toBeGreaterThan(0.2);
    expect(churned / n).toBeLessThan(0.45);
    expect(converted / n).toBeGreaterThan(0.1);
    expect(converted / n).toBeLessThan(0.35);
    // …and, for this fixed seed, the exact figures the README quotes.
    expect(churnTruth).toBeCloseTo(0.3208, 4);
    expect(churned).toBe(6393);
    expect(conversionTruth).toBeCloseTo(0.2039, 4);
    expect(converted).toBe(4127);
    expect(churnAuc).toBeCloseTo(0.9136, 4);
    expect(conversionAuc).toBeCloseTo(0.8829, 4);
  });

  it("plants every earlier window from the shop truth at its start too", () => {
    expectWindowsPlantedFromTruth(population, shopTruthFor, { now, cutoff, historyDays: 180 });
  });

  it("shows the planted directions in the drawn outcomes", () => {
    const rate = (rows: SyntheticProfile[], what: "churned" | "converted") =>
      rows.filter((p) => outcomeOf(p.events, cutoff, now)[what]).length / rows.length;
    const features = new Map(population.map((p) => [p, shopTruthFeatures(p.events, p.attributes, cutoff)]));
    const where = (test: (f: ReturnType<typeof shopTruthFeatures>) => boolean) =>
      population.filter((p) => test(features.get(p)!));
    expect(
      rate(
        where((f) => f.premium === 1),
        "churned",
      ),
    ).toBeLessThan(
      0.6 *
        rate(
          where((f) => f.premium === 0 && f.plus === 0),
          "churned",
        ),
    );
    expect(
      rate(
        where((f) => f.abandonedCartDays !== null && f.abandonedCartDays < 7),
        "converted",
      ),
    ).toBeGreaterThan(
      1.5 *
        rate(
          where((f) => f.abandonedCartDays === null),
          "converted",
        ),
    );
    expect(
      rate(
        where((f) => f.overdue !== null && f.overdue > 0.7 && f.overdue < 1.3),
        "converted",
      ),
    ).toBeGreaterThan(
      1.5 *
        rate(
          where((f) => f.overdue !== null && f.overdue > 2.5),
          "converted",
        ),
    );
    expect(
      rate(
        where((f) => f.topicTickets90 > 0),
        "churned",
      ),
    ).toBeGreaterThan(
      rate(
        where((f) => f.topicTickets90 === 0 && f.otherTickets90 > 0),
        "churned",
      ),
    );
  });
});
