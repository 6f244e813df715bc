import { describe, expect, it } from "vitest";
import { shopTruthFeatures } from "./shop-features.js";
import type { TruthEvent } from "./truth.js";

const cutoff = new Date("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const at = (daysBefore: number) => new Date(cutoff.getTime() - daysBefore * DAY);
const view = (daysBefore: number, category: string): TruthEvent => ({
  type: "productView",
  timestamp: at(daysBefore),
  properties: { product: { sku: "X-001", category, price: 9.99 } },
});

describe("shopTruthFeatures", () => {
  const events: TruthEvent[] = [
    { type: "purchase", timestamp: at(170), properties: { revenue: 1000 } }, // in 180 days, not 90
    { type: "purchase", timestamp: at(190), properties: { revenue: 5 } }, // before 180 days
    { type: "purchase", timestamp: at(110), properties: { revenue: 20 } },
    { type: "addToCart", timestamp: at(50.5) }, // before the last purchase: bought
    { type: "purchase", timestamp: at(50), properties: { revenue: 30.01 } },
    { type: "addToCart", timestamp: at(12) },
    { type: "addToCart", timestamp: at(3.5) }, // the last cart nobody bought
    view(2, "electronics"),
    view(2.1, "running"),
    view(40, "electronics"),
    view(95, "electronics"), // before 90 days
    { type: "productView", timestamp: at(1), properties: { product: "broken" } },
    { type: "supportTicket", timestamp: at(10), properties: { topic: "refund" } },
    { type: "supportTicket", timestamp: at(11), properties: { topic: "delivery" } },
    { type: "supportTicket", timestamp: at(89.9).toISOString(), properties: { topic: "refund" } },
    { type: "pageView", timestamp: at(0.25).getTime() },
    { type: "pageView", timestamp: at(0.75) }, // the same day back from the cutoff as the one above
    { type: "login", timestamp: at(35) },
    { type: "pageView", timestamp: new Date(cutoff.getTime() + 1) }, // after the cutoff: ignored
    { type: "pageView", timestamp: "not a date" }, // ignored
  ];
  const attributes = {
    plan: "premium",
    emailOptIn: true,
    signupDate: at(400).toISOString(),
    loyalty: { tier: "gold", points: 850 },
    birthDate: "1986-11-01",
  };

  it("measures each feature as documented", () => {
    const f = shopTruthFeatures(events, attributes, cutoff);
    expect(f).toEqual({
      recencyDays: 0.25,
      revenue90: 30.01,
      purchases180: 3,
      meanPurchaseGapDays: 60,
      overdue: 50 / 60,
      cartsSincePurchase: 2,
      abandonedCartDays: 3.5,
      productViews90: 4,
      categoryShare: 0.5,
      topicTickets90: 2,
      otherTickets90: 1,
      // Days back 0, 1, 2, 3, 10, 11, 12 (the 2.0 and 2.1 views share day 2).
      activeDays30: 7,
      // Days back 35, 40, 50.
      activeDaysPrev30: 3,
      premium: 1,
      plus: 0,
      emailOptIn: 1,
      tenureDays: 400,
      loyaltyPoints: 850,
      ageYears: (cutoff.getTime() - Date.parse("1986-11-01")) / (365.25 * DAY),
    });
  });

  it("reads only events at or before the cutoff: events after it change nothing", () => {
    const later: TruthEvent[] = [
      { type: "purchase", timestamp: new Date(cutoff.getTime() + 1), properties: { revenue: 99 } },
      { type: "addToCart", timestamp: at(-0.5) },
      view(-2, "electronics"),
      { type: "supportTicket", timestamp: at(-3), properties: { topic: "refund" } },
    ];
    expect(shopTruthFeatures([...events, ...later], attributes, cutoff)).toEqual(
      shopTruthFeatures(events, attributes, cutoff),
    );
  });

  it("does not depend on the order of the events", () => {
    expect(shopTruthFeatures([...events].reverse(), attributes, cutoff)).toEqual(
      shopTruthFeatures(events, attributes, cutoff),
    );
  });

  it("counts an event at the cutoff and leaves one exactly 30, 90 or 180 days before out", () => {
    const f = shopTruthFeatures(
      [
        { type: "purchase", timestamp: at(0), properties: { revenue: 1 } },
        { type: "purchase", timestamp: at(180), properties: { revenue: 1 } },
        { type: "purchase", timestamp: at(90), properties: { revenue: 1 } },
        { type: "login", timestamp: at(30) },
      ],
      {},
      cutoff,
    );
    expect(f.purchases180).toBe(2);
    expect(f.revenue90).toBe(1);
    expect(f.overdue).toBe(0);
    expect(f.activeDays30).toBe(1);
    expect(f.activeDaysPrev30).toBe(1);
  });

  it("has no cadence under two purchases, no abandoned cart after a purchase, neutral attributes when missing", () => {
    const f = shopTruthFeatures(
      [
        { type: "addToCart", timestamp: at(5) },
        { type: "purchase", timestamp: at(5 - 1 / 24), properties: { revenue: 10 } },
      ],
      null,
      cutoff,
    );
    expect(f).toMatchObject({
      purchases180: 1,
      meanPurchaseGapDays: null,
      overdue: null,
      cartsSincePurchase: 0,
      abandonedCartDays: null,
      productViews90: 0,
      categoryShare: 0,
      premium: 0,
      plus: 0,
      emailOptIn: 0,
      tenureDays: null,
      loyaltyPoints: 0,
      ageYears: null,
    });
    expect(shopTruthFeatures([], {}, cutoff).recencyDays).toBe(90);
  });

  it("counts two orders within a day as a gap of one day", () => {
    const f = shopTruthFeatures(
      [
        { type: "purchase", timestamp: at(10), properties: { revenue: 10 } },
        { type: "purchase", timestamp: at(10.1), properties: { revenue: 10 } },
      ],
      {},
      cutoff,
    );
    expect(f.meanPurchaseGapDays).toBe(1);
    expect(f.overdue).toBe(10);
  });
});
