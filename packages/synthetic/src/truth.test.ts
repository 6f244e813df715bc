import { describe, expect, it } from "vitest";
import { outcomeOf, type TruthEvent, truthFeatures, truthFor, truthFromFeatures } from "./truth.js";

const cutoff = new Date("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const at = (daysBefore: number) => new Date(cutoff.getTime() - daysBefore * DAY);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("truthFeatures", () => {
  it("measures each window back from the cutoff, boundaries included as documented", () => {
    const events: TruthEvent[] = [
      { type: "pageView", timestamp: at(0) }, // at the cutoff: counts
      { type: "addToCart", timestamp: at(29.9) },
      { type: "addToCart", timestamp: at(30) }, // (c - 30 days, c]: excluded from carts30
      { type: "purchase", timestamp: at(10), properties: { revenue: 19.99 } },
      { type: "purchase", timestamp: at(89), properties: { revenue: 100.01 } },
      { type: "purchase", timestamp: at(90), properties: { revenue: 50 } }, // (c - 90 days, c]: excluded
      { type: "purchase", timestamp: at(200), properties: { revenue: 1000 } },
      { type: "emailClick", timestamp: at(60) },
      { type: "supportTicket", timestamp: at(5).toISOString() },
      { type: "supportTicket", timestamp: at(5).getTime() },
      { type: "pageView", timestamp: new Date(cutoff.getTime() + 1) }, // after the cutoff: ignored
      { type: "pageView", timestamp: "not a date" }, // ignored
    ];
    expect(truthFeatures(events, { loyalty: { tier: "gold" } }, cutoff)).toEqual({
      recencyDays: 0,
      events30: 5,
      purchases90: 2,
      revenue90: 120,
      carts30: 1,
      emailClicks90: 1,
      tickets90: 2,
      tierRank: 2,
    });
  });

  it("has recency at the cap (90 days), zero counts and tier 0 for an empty profile", () => {
    expect(truthFeatures([], {}, cutoff)).toEqual({
      recencyDays: 90,
      events30: 0,
      purchases90: 0,
      revenue90: 0,
      carts30: 0,
      emailClicks90: 0,
      tickets90: 0,
      tierRank: 0,
    });
    expect(truthFeatures([{ type: "login", timestamp: at(400) }], null, cutoff).recencyDays).toBe(90);
    expect(truthFeatures([{ type: "login", timestamp: at(45.5) }], null, cutoff).recencyDays).toBe(45.5);
  });

  it.each([
    [undefined, 0],
    [{ tier: "bronze" }, 0],
    [{ tier: "silver" }, 1],
    [{ tier: "gold" }, 2],
    [{ tier: "platinum" }, 3],
    [{ tier: "diamond" }, 0],
    ["gold", 0],
  ])("loyalty %j has tier rank %d", (loyalty, rank) => {
    expect(truthFeatures([], { loyalty }, cutoff).tierRank).toBe(rank);
  });
});

describe("truthFromFeatures", () => {
  it("is the formula of the README", () => {
    const f = {
      recencyDays: 12,
      events30: 7,
      purchases90: 2,
      revenue90: 250,
      carts30: 3,
      emailClicks90: 1,
      tickets90: 5,
      tierRank: 1,
    };
    const p = sigmoid(-1.5 + 0.035 * 12 - 0.55 * Math.log(8) - 0.6 * Math.log(3) + 0.7 * 3 - 0.35 * 1);
    const r = sigmoid(
      -1.9 + 1.0 * Math.log(3) + 0.7 * Math.log(4) + 0.6 * Math.log(2) + 0.3 * Math.log(3.5) - 0.015 * 12,
    );
    const truth = truthFromFeatures(f);
    expect(truth.churn).toBeCloseTo(p, 12);
    expect(truth.conversion).toBeCloseTo((1 - p) * r, 12);
  });

  it("makes recent, frequent, loyal buyers unlikely to churn and likely to buy", () => {
    const silent = truthFor([], {}, cutoff);
    const loyal = truthFor(
      [
        { type: "purchase", timestamp: at(3), properties: { revenue: 300 } },
        { type: "addToCart", timestamp: at(2) },
        { type: "emailClick", timestamp: at(1) },
        { type: "pageView", timestamp: at(0.5) },
      ],
      { loyalty: { tier: "platinum" } },
      cutoff,
    );
    expect(silent.churn).toBeGreaterThan(0.8);
    expect(loyal.churn).toBeLessThan(0.1);
    expect(loyal.conversion).toBeGreaterThan(5 * silent.conversion);
    expect(loyal.conversion).toBeLessThanOrEqual(1 - loyal.churn);
  });
});

describe("outcomeOf", () => {
  const now = new Date(cutoff.getTime() + 30 * DAY);
  it("reads the window (cutoff, now]", () => {
    expect(outcomeOf([{ type: "purchase", timestamp: cutoff }], cutoff, now)).toEqual({
      churned: true,
      converted: false,
    });
    expect(outcomeOf([{ type: "login", timestamp: now }], cutoff, now)).toEqual({
      churned: false,
      converted: false,
    });
    const later = new Date(now.getTime() + 1);
    expect(outcomeOf([{ type: "purchase", timestamp: later }], cutoff, now).churned).toBe(true);
    expect(outcomeOf([{ type: "purchase", timestamp: at(-1).toISOString() }], cutoff, now)).toEqual({
      churned: false,
      converted: true,
    });
  });
});
