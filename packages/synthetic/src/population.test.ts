import { beforeAll, describe, expect, it } from "vitest";
import { cutoffOf, generatePopulation, type SyntheticProfile } from "./population.js";
import { auc } from "./testing/auc.js";
import { expectWindowsPlantedFromTruth } from "./testing/planted-windows.js";
import { outcomeOf, truthFor } from "./truth.js";

const now = new Date("2026-12-01T00:00:00Z");
const DAY = 86_400_000;
const cutoff = cutoffOf({ now });
const EVENT_TYPES = [
  "login",
  "pageView",
  "search",
  "productView",
  "addToCart",
  "purchase",
  "emailOpen",
  "emailClick",
  "supportTicket",
];

const take = (n: number, seed: number, more: object = {}) => [
  ...generatePopulation({ profiles: n, seed, now, ...more }),
];

function isProductItem(item: { quantity: number }): boolean {
  const { quantity, ...product } = item;
  return Number.isInteger(quantity) && quantity > 0 && Object.keys(product).join() === "sku,category,price";
}

describe("generatePopulation: determinism", () => {
  it("gives the same population, byte for byte, for the same (profiles, seed, now)", () => {
    expect(JSON.stringify(take(300, 7))).toBe(JSON.stringify(take(300, 7)));
  });

  it("gives another population for another seed or another now", () => {
    const a = JSON.stringify(take(50, 7));
    expect(JSON.stringify(take(50, 8))).not.toBe(a);
    expect(
      JSON.stringify([...generatePopulation({ profiles: 50, seed: 7, now: new Date(now.getTime() + DAY) })]),
    ).not.toBe(a);
  });

  it("draws profile i the same whatever the size of the population (only the id's padding changes)", () => {
    const small = take(9, 3);
    const large = take(1000, 3).slice(0, 9);
    expect(large.map((p) => ({ ...p, id: p.id.replace(/^p-0+/, "p-") }))).toEqual(small);
  });

  it("is lazy: a million profiles start at once", () => {
    const first = generatePopulation({ profiles: 1_000_000, seed: 1, now }).next();
    expect(first.value?.id).toBe("p-0000001");
  });

  it("rejects bad options", () => {
    const gen = (o: object) => generatePopulation({ profiles: 1, seed: 1, now, ...o }).next();
    expect(() => gen({ profiles: -1 })).toThrow(/profiles/);
    expect(() => gen({ profiles: 1.5 })).toThrow(/profiles/);
    expect(() => gen({ seed: 0.5 })).toThrow(/seed/);
    expect(() => gen({ now: new Date("nope") })).toThrow(/now/);
    expect(() => gen({ historyDays: 20 })).toThrow(/windowDays < historyDays/);
    expect(() => gen({ eventsPerProfile: 0 })).toThrow(/eventsPerProfile/);
  });
});

describe("generatePopulation: 20,000 profiles, seed 42", () => {
  let population: SyntheticProfile[];
  let seconds: number;

  beforeAll(() => {
    const started = performance.now();
    population = take(20_000, 42);
    seconds = (performance.now() - started) / 1000;
  });

  it("is fast", () => {
    expect(seconds).toBeLessThan(4);
  });

  it("numbers ids p-00001 … p-20000", () => {
    expect(population).toHaveLength(20_000);
    expect(population[0]!.id).toBe("p-00001");
    expect(population[19_999]!.id).toBe("p-20000");
    expect(new Set(population.map((p) => p.id)).size).toBe(20_000);
  });

  it("has attributes of the documented shape, email missing for some", () => {
    const problems: string[] = [];
    let withEmail = 0;
    let withLoyalty = 0;
    for (const { id, attributes: a } of population) {
      const ok =
        typeof a.firstName === "string" &&
        typeof a.lastName === "string" &&
        /^[A-Z]{2}$/.test(a.country) &&
        typeof a.city === "string" &&
        /^\d{4}-\d{2}-\d{2}$/.test(a.birthDate) &&
        Date.parse(a.signupDate) < cutoff.getTime() &&
        ["free", "plus", "premium"].includes(a.plan) &&
        Array.isArray(a.tags) &&
        typeof a.favoriteCategory === "string" &&
        (a.email === undefined
          ? !("email" in a) && a.emailOptIn === false
          : /^[a-z]+\.[a-z]+\.\d+@[a-z.]+$/.test(a.email)) &&
        (a.loyalty === undefined ||
          (["bronze", "silver", "gold", "platinum"].includes(a.loyalty.tier) &&
            Number.isInteger(a.loyalty.points)));
      if (!ok && problems.length < 5) problems.push(`${id}: ${JSON.stringify(a)}`);
      if (a.email !== undefined) withEmail++;
      if (a.loyalty !== undefined) withLoyalty++;
    }
    expect(problems).toEqual([]);
    expect(withEmail / 20_000).toBeCloseTo(0.88, 1);
    expect(withLoyalty / 20_000).toBeCloseTo(0.85, 1);
    expect(population.filter((p) => p.attributes.tags.includes("vip")).length).toBe(1053);
  });

  it("has events sorted, inside the timeline, of the documented types and properties", () => {
    // Plain checks, one expect at the end: 400,000 events through expect() would take minutes.
    const start = now.getTime() - 180 * DAY;
    const problems: string[] = [];
    const problem = (id: string, what: string, value: unknown) => {
      if (problems.length < 5) problems.push(`${id}: ${what}: ${JSON.stringify(value)}`);
    };
    const isProduct = (v: unknown) => {
      const p = v as { sku?: unknown; category?: unknown; price?: unknown } | undefined;
      return (
        typeof p?.sku === "string" &&
        /^[A-Z]{3}-\d{3}$/.test(p.sku) &&
        typeof p.category === "string" &&
        typeof p.price === "number" &&
        Object.keys(p).length === 3
      );
    };
    for (const { id, events } of population) {
      let previous = start;
      for (const event of events) {
        const t = event.timestamp.getTime();
        if (t < previous || t > now.getTime() || t % 1000 !== 0) problem(id, "timestamp", event.timestamp);
        if (!EVENT_TYPES.includes(event.type)) problem(id, "type", event.type);
        previous = t;
        const p = event.properties;
        if (event.type === "search" && typeof p.keywords !== "string") problem(id, "search", p);
        if ((event.type === "productView" || event.type === "addToCart") && !isProduct(p.product)) {
          problem(id, event.type, p);
        }
        if (event.type === "purchase") {
          const items = p.items as { price: number; quantity: number }[];
          const cents = items.reduce((sum, i) => sum + Math.round(i.price * 100) * i.quantity, 0);
          if (items.length === 0 || !items.every(isProductItem) || p.revenue !== cents / 100) {
            problem(id, "purchase", p);
          }
        }
        if ((event.type === "emailOpen" || event.type === "emailClick") && typeof p.campaign !== "string") {
          problem(id, event.type, p);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("averages about 20 events a profile, with every event type present", () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const { events } of population) {
      total += events.length;
      for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    }
    expect(total).toBe(397_744);
    expect(total / 20_000).toBeGreaterThan(18);
    expect(total / 20_000).toBeLessThan(22);
    expect([...counts.keys()].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("keeps its truth equal to truthFor on its own events, with Date or ISO timestamps", () => {
    for (const profile of population) {
      expect(truthFor(profile.events, profile.attributes, cutoff)).toEqual(profile.truth);
    }
    for (const profile of population.slice(0, 500)) {
      const json = JSON.parse(JSON.stringify(profile));
      expect(truthFor(json.events, json.attributes, cutoff)).toEqual(profile.truth);
    }
  });

  it("plants outcomes at the rates of the truth", () => {
    let churnTruth = 0;
    let churned = 0;
    let conversionTruth = 0;
    let converted = 0;
    const outcomes = population.map((p) => outcomeOf(p.events, cutoff, now));
    population.forEach((p, i) => {
      churnTruth += p.truth.churn;
      conversionTruth += p.truth.conversion;
      if (outcomes[i]!.churned) churned++;
      if (outcomes[i]!.converted) converted++;
      expect(p.truth.conversion).toBeLessThanOrEqual(1 - p.truth.churn);
    });
    const n = population.length;
    expect(Math.abs(churned / n - churnTruth / n)).toBeLessThan(0.01);
    expect(Math.abs(converted / n - conversionTruth / n)).toBeLessThan(0.01);
    // Fixed seed: the exact figures (README.md quotes them).
    expect(churnTruth / n).toBeCloseTo(0.2388, 4);
    expect(churned).toBe(4816);
    expect(conversionTruth / n).toBeCloseTo(0.1683, 4);
    expect(converted).toBe(3398);
    // The AUC of the true probabilities: the best a model can reach on these labels.
    const churnAuc = auc(
      population.map((p) => p.truth.churn),
      outcomes.map((o) => o.churned),
    );
    const conversionAuc = auc(
      population.map((p) => p.truth.conversion),
      outcomes.map((o) => o.converted),
    );
    expect(churnAuc).toBeCloseTo(0.836, 3);
    expect(conversionAuc).toBeCloseTo(0.7946, 4);
  });

  it("plants every earlier window from the truth at its start too (a time-based split sees the same function)", () => {
    expectWindowsPlantedFromTruth(population, truthFor, { now, cutoff, historyDays: 180 });
  });

  it("makes the outcome depend on the truth: calibrated by decile", () => {
    const sorted = population
      .map((p) => ({ q: p.truth.conversion, y: outcomeOf(p.events, cutoff, now).converted }))
      .sort((a, b) => a.q - b.q);
    const decile = (d: number) => sorted.slice(d * 2000, (d + 1) * 2000);
    for (const d of [0, 4, 9]) {
      const rows = decile(d);
      const predicted = rows.reduce((s, r) => s + r.q, 0) / rows.length;
      const actual = rows.filter((r) => r.y).length / rows.length;
      expect(Math.abs(actual - predicted)).toBeLessThan(0.03);
    }
  });
});

describe("eventsPerProfile", () => {
  // Below about 12 the floor dominates: every window a profile is active in holds an event.
  it.each([20, 50, 100])("averages about %d events a profile", (target) => {
    const population = take(4000, 5, { eventsPerProfile: target });
    const mean = population.reduce((sum, p) => sum + p.events.length, 0) / population.length;
    expect(mean / target).toBeGreaterThan(0.9);
    expect(mean / target).toBeLessThan(1.1);
  });

  it("spreads the timeline over historyDays", () => {
    const population = take(500, 5, { historyDays: 365, windowDays: 60 });
    const start = now.getTime() - 365 * DAY;
    const times = population.flatMap((p) => p.events.map((e) => e.timestamp.getTime()));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.min(...times)).toBeLessThan(start + 30 * DAY);
    const cutoff60 = cutoffOf({ now, windowDays: 60 });
    for (const p of population) {
      expect(truthFor(p.events, p.attributes, cutoff60)).toEqual(p.truth);
    }
  });
});
