import type { Profile } from "@segflow/segment-language";
import { describe, expect, it } from "vitest";
import { compileModelConditions } from "./conditions.js";
import { DataCheckError, DatasetBuilder, unitHash } from "./dataset.js";
import { ModelSpec, type ModelSpecInput } from "./model-spec.js";
import { testPopulation } from "./testing/population.js";

const DAY = 86_400_000;
const now = new Date("2026-12-01T00:00:00Z");
const nowMs = now.getTime();

const population = (n: number, historyDays: number) => testPopulation(n, historyDays, now);

function build(input: Partial<ModelSpecInput>, profiles: Profile[]) {
  const spec = ModelSpec.parse({
    name: "m",
    type: "churn",
    goal: "type is not null",
    windowDays: 30,
    lookbackDays: 60,
    dataChecks: { minPositives: 10, minNegatives: 10 },
    ...input,
  });
  const builder = new DatasetBuilder(spec, now, compileModelConditions(spec));
  for (const p of profiles) builder.add(p);
  return builder;
}

function dataCheckError(run: () => unknown): DataCheckError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DataCheckError);
    return e as DataCheckError;
  }
  throw new Error("expected a DataCheckError");
}

describe("DatasetBuilder", () => {
  it("refuses a history shorter than lookback + window, saying how many days it needs", () => {
    const builder = build({ lookbackDays: 60, windowDays: 30 }, population(200, 80));
    const error = dataCheckError(() => builder.finish());
    expect(error.message).toContain("the events span 80.0 days before now");
    expect(error.message).toContain("60 + 30 = 90 days");
  });

  it("splits by time with enough history: training cutoffs k >= 2 whose lookback is inside the history", () => {
    // 200 days of history, window 30, lookback 60: cutoffs now-60 (k=2, lookback back to now-120),
    // now-90, now-120 (back to now-180) train; now-150 would need history back to now-210.
    const data = build({}, population(400, 200)).finish();
    expect(data.split).toBe("time");
    expect(data.trainingCutoffs.map((d) => (nowMs - d.getTime()) / DAY)).toEqual([60, 90, 120]);
    expect(new Set(data.train.rows.map((r) => (nowMs - r.cutoffMs) / DAY))).toEqual(new Set([60, 90, 120]));
    // The last labelled window (k = 1) is held out, halved by a hash of the id.
    for (const [set, half] of [
      [data.validation, (u: number) => u < 0.5],
      [data.test, (u: number) => u >= 0.5],
    ] as const) {
      expect(set.rows.length).toBeGreaterThan(0);
      for (const r of set.rows) expect(nowMs - r.cutoffMs).toBe(30 * DAY);
      for (const id of set.profileIds) expect(half(unitHash(id))).toBe(true);
    }
    // Everyone with an event is scored, at now.
    expect(data.scoring.profileIds).toHaveLength(400);
    for (const r of data.scoring.rows) expect(r.cutoffMs).toBe(nowMs);
    expect(data.historyStart).toEqual(new Date(nowMs - 200 * DAY));
  });

  it("splits by profile (60/20/20 of the last window) when no earlier cutoff has its lookback in the history", () => {
    const data = build({}, population(600, 100)).finish();
    expect(data.split).toBe("profiles");
    expect(data.trainingCutoffs.map((d) => (nowMs - d.getTime()) / DAY)).toEqual([30]);
    const all = [data.train, data.validation, data.test].flatMap((s) => s.rows);
    for (const r of all) expect(nowMs - r.cutoffMs).toBe(30 * DAY);
    const sizes = [data.train, data.validation, data.test].map((s) => s.rows.length / all.length);
    expect(sizes[0]).toBeCloseTo(0.6, 1);
    expect(sizes[1]).toBeCloseTo(0.2, 1);
    for (const id of data.train.profileIds) expect(unitHash(id)).toBeLessThan(0.6);
  });

  it("labels churn as no goal event in (cutoff, cutoff + window], conversion as one", () => {
    const p = (id: string, daysBefore: number[]): Profile => ({
      id,
      events: daysBefore.map((d) => ({
        type: "purchase",
        timestamp: new Date(nowMs - d * DAY).toISOString(),
      })),
    });
    // k = 1 cutoff is now - 30 days: "stays" has an event 10 days ago, "leaves" none after the cutoff,
    // "edge" has one exactly at the cutoff, which is before the window.
    const profiles = [p("stays", [100, 10]), p("leaves", [100, 40]), p("edge", [100, 30])];
    const labels = (type: "churn" | "conversion") => {
      const b = build({ type, goal: 'type = "purchase"', dataChecks: { minPositives: 1, minNegatives: 1 } }, [
        ...profiles,
        ...profiles.map((x) => ({ ...x, id: `${x.id}-2` })),
        ...profiles.map((x) => ({ ...x, id: `${x.id}-3` })),
      ]);
      const data = b.finish();
      const out = new Map<string, number>();
      for (const set of [data.train, data.validation, data.test]) {
        set.profileIds.forEach((id, i) => {
          if (nowMs - set.rows[i]!.cutoffMs === 30 * DAY) out.set(id.replace(/-\d$/, ""), set.labels[i]!);
        });
      }
      return Object.fromEntries(out);
    };
    expect(labels("churn")).toEqual({ stays: 0, leaves: 1, edge: 1 });
    expect(labels("conversion")).toEqual({ stays: 1, leaves: 0, edge: 0 });
  });

  it("makes an example only where the profile existed and was eligible at the cutoff", () => {
    const profiles = population(400, 200);
    const eligible = 'exists(events where type = "purchase")';
    const data = build({ eligible }, profiles).finish();
    const byId = new Map(profiles.map((p) => [p.id, p]));
    for (const set of [data.train, data.validation, data.test]) {
      set.profileIds.forEach((id, i) => {
        const cutoff = set.rows[i]!.cutoffMs;
        const before = byId.get(id)!.events!.filter((e) => Date.parse(e.timestamp as string) <= cutoff);
        expect(before.some((e) => e.type === "purchase")).toBe(true);
      });
    }
    const purchasedBy = (ms: number) =>
      profiles.filter((p) =>
        p.events!.some((e) => e.type === "purchase" && Date.parse(e.timestamp as string) <= ms),
      );
    expect(data.scoring.profileIds).toEqual(purchasedBy(nowMs).map((p) => p.id));
    const trainAt60 = data.train.profileIds.filter(
      (_, i) => nowMs - data.train.rows[i]!.cutoffMs === 60 * DAY,
    );
    expect(trainAt60).toEqual(purchasedBy(nowMs - 60 * DAY).map((p) => p.id));
  });

  it("refuses too few positives (or negatives), naming the count and the minimum", () => {
    const builder = build({ dataChecks: { minPositives: 100_000, minNegatives: 5 } }, population(300, 200));
    const error = dataCheckError(() => builder.finish());
    const positives = Number(/(\d+) positive training examples \(churned\)/.exec(error.message)?.[1]);
    expect(positives).toBeGreaterThan(0);
    expect(error.message).toContain(
      `${positives} positive training examples (churned); at least 100000 are needed`,
    );
    expect(error.problems).toHaveLength(1);

    const conversion = build(
      {
        type: "conversion",
        goal: 'type = "purchase"',
        dataChecks: { minPositives: 5, minNegatives: 100_000 },
      },
      population(300, 200),
    );
    expect(dataCheckError(() => conversion.finish()).message).toMatch(
      /\d+ negative training examples; at least 100000 are needed/,
    );
  });

  it("says when a held-out set is empty or holds one class", () => {
    const old: Profile = {
      id: "old",
      events: [200, 100, 10].map((d) => ({
        type: "pageView",
        timestamp: new Date(nowMs - d * DAY).toISOString(),
      })),
    };
    const error = dataCheckError(() =>
      build({ dataChecks: { minPositives: 1, minNegatives: 1 } }, [old]).finish(),
    );
    expect(error.problems).toContain(
      `there are no ${unitHash("old") < 0.5 ? "test" : "validation"} examples (profiles that existed one window before now)`,
    );
    expect(error.problems).toContain(
      `the ${unitHash("old") < 0.5 ? "validation" : "test"} examples hold only one class (0 of 1 positive)`,
    );
  });

  it("counts the most frequent event types when the model names none", () => {
    const profiles = population(50, 200);
    expect(build({}, profiles).eventTypes()).toEqual(["pageView", "purchase"]);
    expect(build({ eventTypes: ["purchase"] }, profiles).eventTypes()).toEqual(["purchase"]);
  });
});

describe("unitHash", () => {
  it("spreads ids evenly over [0, 1)", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => unitHash(`p-${String(i).padStart(5, "0")}`));
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    const below = values.filter((v) => v < 0.5).length;
    expect(below).toBeGreaterThan(4800);
    expect(below).toBeLessThan(5200);
  });
});
