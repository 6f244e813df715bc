import { describe, expect, it } from "vitest";
import type { ShopTruthFeatures } from "./shop-features.js";
import { shopTruthFor, shopTruthFromFeatures } from "./shop-truth.js";
import type { TruthEvent } from "./truth.js";

const cutoff = new Date("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const at = (daysBefore: number) => new Date(cutoff.getTime() - daysBefore * DAY);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const bump = (x: number) => Math.exp(-(x * x) / 2);

/** An ordinary customer: a few visits, one purchase, nothing planted. */
const base: ShopTruthFeatures = {
  recencyDays: 6,
  revenue90: 80,
  purchases180: 1,
  meanPurchaseGapDays: null,
  overdue: null,
  cartsSincePurchase: 0,
  abandonedCartDays: null,
  productViews90: 4,
  categoryShare: 0,
  topicTickets90: 0,
  otherTickets90: 0,
  activeDays30: 2,
  activeDaysPrev30: 2,
  premium: 0,
  plus: 0,
  emailOptIn: 0,
  tenureDays: 700,
  loyaltyPoints: 0,
  ageYears: 60,
};
const truth = (changes: Partial<ShopTruthFeatures>) => shopTruthFromFeatures({ ...base, ...changes });

describe("shopTruthFromFeatures", () => {
  it("is the formula of the README", () => {
    const f: ShopTruthFeatures = {
      ...base,
      recencyDays: 12,
      revenue90: 250,
      overdue: 2.5,
      meanPurchaseGapDays: 20,
      cartsSincePurchase: 3,
      abandonedCartDays: 4,
      categoryShare: 0.6,
      topicTickets90: 1,
      otherTickets90: 5,
      activeDays30: 3,
      activeDaysPrev30: 7,
      plus: 1,
      emailOptIn: 1,
      tenureDays: 45,
      loyaltyPoints: 500,
      ageYears: 33,
    };
    const trend = Math.log(4 / 8);
    const p = sigmoid(
      -0.6 +
        0.035 * 12 -
        0.9 * Math.log(4) -
        1.1 * trend +
        1.3 * 0.5 +
        2.0 * 1 +
        0.4 * 3 -
        0.8 -
        0.6 +
        3.0 * Math.exp(-45 / 90) -
        0.15 * Math.log(501) -
        0.3 * Math.log(3.5),
    );
    const r = sigmoid(
      -4 +
        2.5 * bump(1.5 / 0.35) +
        3.0 * Math.exp(-4 / 7) +
        0.3 * Math.log(4) +
        2.0 * 0.6 +
        0.8 +
        0.15 * Math.log(501) +
        1.2 * bump((33 - 40) / 10) +
        0.4 * Math.log(3.5) -
        0.03 * 12 +
        0.5 * Math.log(4),
    );
    const result = shopTruthFromFeatures(f);
    expect(result.churn).toBeCloseTo(p, 12);
    expect(result.conversion).toBeCloseTo((1 - p) * r, 12);
  });

  // Each row: a change from the ordinary customer and the direction it must move a probability.
  it.each<[string, Partial<ShopTruthFeatures>, "churn" | "conversion", "up" | "down"]>([
    ["a premium plan lowers churn", { premium: 1 }, "churn", "down"],
    ["a plus plan lowers churn", { plus: 1 }, "churn", "down"],
    ["a new customer churns more", { tenureDays: 35 }, "churn", "up"],
    ["a refund ticket raises churn", { topicTickets90: 1 }, "churn", "up"],
    ["being well overdue raises churn", { overdue: 4, meanPurchaseGapDays: 20 }, "churn", "up"],
    ["fading activity raises churn", { activeDays30: 1, activeDaysPrev30: 6 }, "churn", "up"],
    [
      "a fresh abandoned cart raises conversion",
      { abandonedCartDays: 1, cartsSincePurchase: 1 },
      "conversion",
      "up",
    ],
    ["being due (overdue 1) raises conversion", { overdue: 1, meanPurchaseGapDays: 20 }, "conversion", "up"],
    ["browsing the planted category raises conversion", { categoryShare: 0.8 }, "conversion", "up"],
    ["the newsletter opt-in raises conversion", { emailOptIn: 1 }, "conversion", "up"],
    ["middle age raises conversion", { ageYears: 40 }, "conversion", "up"],
    ["loyalty points raise conversion", { loyaltyPoints: 1000 }, "conversion", "up"],
  ])("%s", (_, changes, outcome, direction) => {
    const before = shopTruthFromFeatures(base)[outcome];
    const after = truth(changes)[outcome];
    if (direction === "up") expect(after).toBeGreaterThan(before * 1.2);
    else expect(after).toBeLessThan(before / 1.2);
  });

  it("raises churn more for the planted ticket topic than for another", () => {
    expect(truth({ topicTickets90: 1 }).churn).toBeGreaterThan(truth({ otherTickets90: 1 }).churn + 0.1);
  });

  it("peaks conversion when a purchase is due, not long before nor long after", () => {
    const at = (overdue: number) => truth({ overdue, meanPurchaseGapDays: 20 }).conversion;
    expect(at(1)).toBeGreaterThan(at(0.3));
    expect(at(1)).toBeGreaterThan(at(2));
    expect(at(1)).toBeGreaterThan(at(3));
  });

  it("lets an abandoned cart's pull fade over a week or two", () => {
    const after = (days: number) => truth({ abandonedCartDays: days, cartsSincePurchase: 1 }).conversion;
    expect(after(1)).toBeGreaterThan(after(7));
    expect(after(7)).toBeGreaterThan(after(14));
    expect(after(30) - after(60)).toBeLessThan(0.01);
  });

  it("never puts conversion above 1 - churn", () => {
    for (const changes of [
      {},
      { premium: 1, abandonedCartDays: 0, overdue: 1, categoryShare: 1 },
      { tenureDays: 0 },
    ]) {
      const t = truth(changes);
      expect(t.conversion).toBeLessThanOrEqual(1 - t.churn);
    }
  });
});

describe("shopTruthFor", () => {
  const events: TruthEvent[] = [
    { type: "purchase", timestamp: at(60), properties: { revenue: 40 } },
    { type: "purchase", timestamp: at(31), properties: { revenue: 60 } },
    { type: "productView", timestamp: at(2), properties: { product: { category: "electronics" } } },
    { type: "addToCart", timestamp: at(2) },
  ];

  it("reads only events at or before the cutoff: events after it change nothing", () => {
    const later: TruthEvent[] = [
      { type: "purchase", timestamp: new Date(cutoff.getTime() + 1), properties: { revenue: 500 } },
      { type: "supportTicket", timestamp: at(-1).toISOString(), properties: { topic: "refund" } },
      { type: "pageView", timestamp: at(-10).getTime() },
    ];
    expect(shopTruthFor([...events, ...later], { plan: "free" }, cutoff)).toEqual(
      shopTruthFor(events, { plan: "free" }, cutoff),
    );
  });

  it("reads a profile's events and attributes: a premium plan lowers churn, a fresh abandoned cart raises conversion", () => {
    expect(shopTruthFor(events, { plan: "premium" }, cutoff).churn).toBeLessThan(
      shopTruthFor(events, { plan: "free" }, cutoff).churn / 2,
    );
    const withoutCart = events.filter((e) => e.type !== "addToCart");
    expect(shopTruthFor(events, {}, cutoff).conversion).toBeGreaterThan(
      shopTruthFor(withoutCart, {}, cutoff).conversion + 0.1,
    );
  });
});
