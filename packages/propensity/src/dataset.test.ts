import type { Profile } from "@segflow/segment-language";
import { describe, expect, it } from "vitest";
import { compileModelConditions } from "./conditions.js";
import {
  DataCheckError,
  DatasetBuilder,
  type Datasets,
  goalBetween,
  groupOf,
  MAX_TRAIN_EXAMPLES,
  MAX_VALIDATION_EXAMPLES,
  unitHash,
} from "./dataset.js";
import { type ExampleSet, selectRows } from "./example-set.js";
import { ModelSpec, type ModelSpecInput } from "./model-spec.js";
import { testPopulation } from "./testing/population.js";
import type { EventSeries } from "./timeline.js";

const DAY = 86_400_000;
const now = new Date("2026-12-01T00:00:00Z");
const nowMs = now.getTime();

const population = (n: number, historyDays: number, seed = 1) => testPopulation(n, historyDays, now, seed);

function specOf(input: Partial<ModelSpecInput>): ModelSpec {
  return ModelSpec.parse({
    name: "m",
    type: "churn",
    goal: "type is not null",
    windowDays: 30,
    lookbackDays: 60,
    dataChecks: { minPositives: 10, minNegatives: 10 },
    ...input,
  });
}

function build(input: Partial<ModelSpecInput>, profiles: Iterable<Profile>) {
  const spec = specOf(input);
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

const timesOf = (p: Profile) => (p.events ?? []).map((e) => Date.parse(e.timestamp as string));

const sets = (data: Datasets) =>
  [
    ["train", data.train],
    ["validation", data.validation],
    ["test", data.test],
  ] as const;

/** Every example as (set, profile, cutoff index, label, row). */
function examples(data: Datasets) {
  return sets(data).flatMap(([name, set]) =>
    set.profileIds.map((id, row) => ({ name, id, j: set.cutoffIndex[row]!, label: set.y[row]!, row, set })),
  );
}

/** The ids of `count` profiles of a group, found by the hash (not written down). */
function idsIn(group: "train" | "validation" | "test", count: number, prefix = "id"): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++)
    if (groupOf(`${prefix}-${i}`) === group) ids.push(`${prefix}-${i}`);
  return ids;
}

describe("DatasetBuilder: cutoffs", () => {
  // 200 days of history (profile 0 starts exactly then), window 30, lookback 60.
  const profiles = population(1500, 200);
  const data = build({}, profiles).finish();

  it("steps back from now - window by the window split in about weekly steps, while the lookback fits the history", () => {
    // 30 days in round(30 / 7) = 4 steps of 7.5 days. Cutoff j's lookback starts at
    // now - 30 - 7.5j - 60 days, inside 200 days of history up to j = 14.
    expect(data.perWindow).toBe(4);
    const daysBefore = data.cutoffs.map((d) => (nowMs - d.getTime()) / DAY);
    expect(daysBefore).toEqual(Array.from({ length: 15 }, (_, j) => 30 + 7.5 * j));
    expect(data.historyStart).toEqual(new Date(nowMs - 200 * DAY));
    const used = new Set(examples(data).map((e) => e.j));
    expect(used).toEqual(new Set(daysBefore.keys()));
  });

  it.each([
    [14, 2, 7],
    [7, 1, 7],
    [10, 1, 10],
    [60, 9, 60 / 9],
    [3, 1, 3],
  ])("window %i days: %i cutoffs per window, %f days apart", (windowDays, perWindow, step) => {
    const d = build({ windowDays }, profiles).finish();
    expect(d.perWindow).toBe(perWindow);
    const gaps = d.cutoffs.slice(1).map((c, j) => (d.cutoffs[j]!.getTime() - c.getTime()) / DAY);
    expect(gaps.length).toBeGreaterThan(5);
    for (const g of gaps) expect(g).toBeCloseTo(step, 6);
    expect(d.cutoffs[0]).toEqual(new Date(nowMs - windowDays * DAY));
    // The oldest cutoff's lookback starts inside the history, the next one's would not.
    const oldest = d.cutoffs.at(-1)!.getTime();
    expect(oldest - 60 * DAY).toBeGreaterThanOrEqual(nowMs - 200 * DAY);
    expect(oldest - step * DAY - 60 * DAY).toBeLessThan(nowMs - 200 * DAY);
  });

  it("keeps the one cutoff, now - window, when the history is only just lookback + window", () => {
    const d = build({}, population(1500, 90, 2)).finish();
    expect(d.cutoffs).toEqual([new Date(nowMs - 30 * DAY)]);
    for (const e of examples(d)) expect(e.j).toBe(0);
  });

  it("writes each example's features as of its own cutoff, and the scoring rows as of now", () => {
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const col = data.schema.features.findIndex((f) => f.key === "events.60d");
    const sinceCol = data.schema.features.findIndex((f) => f.key === "daysSinceLastEvent");
    expect(col).toBeGreaterThanOrEqual(0);
    const check = (x: ExampleSet["x"], row: number, id: string, cutoffMs: number) => {
      const times = timesOf(byId.get(id)!).filter((t) => t <= cutoffMs);
      const inLookback = times.filter((t) => t > cutoffMs - 60 * DAY);
      expect(x.data[row * x.cols + col]).toBe(inLookback.length);
      if (inLookback.length > 0) {
        expect(x.data[row * x.cols + sinceCol]).toBeCloseTo((cutoffMs - Math.max(...times)) / DAY, 3);
      }
    };
    const all = examples(data);
    for (let k = 0; k < all.length; k += 7) {
      const e = all[k]!;
      check(e.set.x, e.row, e.id, data.cutoffs[e.j]!.getTime());
    }
    data.scoring.profileIds.forEach((id, row) => {
      if (row % 5 === 0) check(data.scoring.x, row, id, nowMs);
    });
    // Everyone with an event is scored.
    expect(data.scoring.profileIds).toEqual(profiles.map((p) => p.id));
  });
});

describe("DatasetBuilder: profiles in groups", () => {
  const profiles = population(1500, 200, 3);
  const data = build({}, profiles).finish();

  it("puts each profile in one group by its hash: no profile in two of train, validation and test", () => {
    const seen = new Map<string, string>();
    for (const e of examples(data)) {
      expect(groupOf(e.id)).toBe(e.name);
      expect(seen.get(e.id) ?? e.name).toBe(e.name);
      seen.set(e.id, e.name);
    }
    for (const [, set] of sets(data)) expect(set.x.rows).toBeGreaterThan(0);
  });

  it("gives test examples at the latest cutoff only, training and validation ones at every cutoff", () => {
    expect(new Set(data.test.cutoffIndex)).toEqual(new Set([0]));
    // Once per test profile that existed then.
    expect(new Set(data.test.profileIds).size).toBe(data.test.x.rows);
    const cutoffs = [...data.cutoffs.keys()];
    expect(new Set(data.train.cutoffIndex)).toEqual(new Set(cutoffs));
    expect(new Set(data.validation.cutoffIndex)).toEqual(new Set(cutoffs));
  });

  it("splits 65 / 15 / 20", () => {
    const groups = Array.from({ length: 20_000 }, (_, i) => groupOf(`profile-${i}`));
    const share = (g: string) => groups.filter((x) => x === g).length / groups.length;
    expect(share("train")).toBeCloseTo(0.65, 1);
    expect(share("validation")).toBeCloseTo(0.15, 1);
    expect(share("test")).toBeCloseTo(0.2, 1);
    for (let i = 0; i < 1000; i++) {
      const id = `profile-${i}`;
      const u = unitHash(id);
      expect(groupOf(id)).toBe(u < 0.65 ? "train" : u < 0.8 ? "validation" : "test");
    }
  });

  it("keeps every labelled example under the caps", () => {
    expect(data.available).toEqual({ train: data.train.x.rows, validation: data.validation.x.rows });
  });
});

describe("DatasetBuilder: labels and eligibility", () => {
  it.each(["churn", "conversion"] as const)(
    "labels %s from the goal in (cutoff, cutoff + window], as the compiled goal says",
    (type) => {
      const spec = specOf({ type, goal: 'type = "purchase"' });
      const conditions = compileModelConditions(spec);
      const profiles = population(800, 200, 4);
      const byId = new Map(profiles.map((p) => [p.id, p]));
      const data = build({ type, goal: 'type = "purchase"' }, profiles).finish();
      const all = examples(data);
      let positives = 0;
      for (const e of all) {
        const occurred = conditions.goalInWindow(byId.get(e.id)!, data.cutoffs[e.j]!.getTime());
        expect(e.label).toBe((type === "conversion" ? occurred : !occurred) ? 1 : 0);
        positives += e.label;
      }
      expect(positives).toBeGreaterThan(0);
      expect(positives).toBeLessThan(all.length);
    },
  );

  it("places the window's edges: an event at the cutoff is before it, one at cutoff + window inside it", () => {
    const c0 = nowMs - 30 * DAY;
    const p = (id: string, times: number[]): Profile => ({
      id,
      events: times.map((t) => ({ type: "purchase", timestamp: new Date(t).toISOString() })),
    });
    const start = nowMs - 200 * DAY;
    const shapes = {
      atCutoff: [start, c0],
      atWindowEnd: [start, c0 + 30 * DAY],
      justAfter: [start, c0 + 1],
      none: [start, c0 - DAY],
    };
    // Several profiles of each shape in the validation and test groups, where j = 0 rows are sure.
    const profiles = Object.entries(shapes).flatMap(([name, times]) =>
      [...idsIn("validation", 2, name), ...idsIn("test", 2, name)].map((id) => p(id, times)),
    );
    const labels = (type: "churn" | "conversion") => {
      const data = build(
        { type, goal: 'type = "purchase"', dataChecks: { minPositives: 1, minNegatives: 1 } },
        [...profiles, ...idsIn("train", 4).map((id, i) => p(id, i % 2 === 0 ? [start, c0 + DAY] : [start]))],
      ).finish();
      const out: Record<string, number[]> = {};
      for (const e of examples(data)) {
        const name = e.id.replace(/-\d+$/, "");
        if (e.j !== 0 || !(name in shapes)) continue;
        out[name] = [...new Set([...(out[name] ?? []), e.label])];
      }
      return out;
    };
    expect(labels("conversion")).toEqual({ atCutoff: [0], atWindowEnd: [1], justAfter: [1], none: [0] });
    expect(labels("churn")).toEqual({ atCutoff: [1], atWindowEnd: [0], justAfter: [0], none: [1] });
  });

  it("makes an example exactly where the profile existed and was eligible at the cutoff", () => {
    const profiles = population(1500, 200, 5);
    const eligible = 'exists(events where type = "purchase" and timestamp within last 30 days)';
    const data = build({ eligible }, profiles).finish();
    // The oracle, by hand: the profile had an event by the cutoff, and a purchase in the 30 days to it.
    const eligibleAt = (p: Profile, ms: number) =>
      (p.events ?? []).some((e) => {
        const t = Date.parse(e.timestamp as string);
        return e.type === "purchase" && t <= ms && t > ms - 30 * DAY;
      });
    const existed = (p: Profile, ms: number) => timesOf(p).some((t) => t <= ms);
    const expected = new Set<string>();
    for (const p of profiles) {
      data.cutoffs.forEach((c, j) => {
        if (groupOf(p.id) === "test" && j > 0) return;
        if (existed(p, c.getTime()) && eligibleAt(p, c.getTime())) expected.add(`${p.id}@${j}`);
      });
    }
    const actual = examples(data).map((e) => `${e.id}@${e.j}`);
    expect(new Set(actual).size).toBe(actual.length);
    expect(new Set(actual)).toEqual(expected);
    // Not a trivial selection: the expression leaves out many (profile, cutoff) pairs that existed.
    const existing = profiles.flatMap((p) => data.cutoffs.filter((c) => existed(p, c.getTime())));
    expect(expected.size).toBeLessThan(0.7 * existing.length);
    expect(data.scoring.profileIds).toEqual(profiles.filter((p) => eligibleAt(p, nowMs)).map((p) => p.id));
  });

  it("never makes an example before a profile's first event", () => {
    const profiles = population(1000, 200, 6);
    const first = new Map(profiles.map((p) => [p.id, Math.min(...timesOf(p))]));
    const data = build({}, profiles).finish();
    for (const e of examples(data))
      expect(data.cutoffs[e.j]!.getTime()).toBeGreaterThanOrEqual(first.get(e.id)!);
    // Profiles that started after the latest cutoff are still scored.
    const late = profiles.filter((p) => first.get(p.id)! > nowMs - 30 * DAY);
    expect(late.length).toBeGreaterThan(0);
    for (const p of late) expect(data.scoring.profileIds).toContain(p.id);
  });
});

describe("DatasetBuilder: sampling over the cap", () => {
  it("samples evenly across cutoffs over the caps", () => {
    // Window 30 (4 cutoffs per window), lookback 7, 400 days: 49 cutoffs. 14,000 profiles make
    // about 200,000 training and 46,000 validation pairs, over the caps.
    const profiles = population(14_000, 400, 7);
    const data = build(
      {
        type: "conversion",
        goal: 'type = "purchase"',
        lookbackDays: 7,
        dataChecks: { minPositives: 1, minNegatives: 1 },
      },
      profiles,
    ).finish();
    expect(data.cutoffs).toHaveLength(49);
    // Pairs per group and cutoff, counted from the profiles.
    const first = profiles.map((p) => ({ id: p.id, first: Math.min(...timesOf(p)) }));
    const pairs = (group: string, j: number) =>
      first.filter((p) => groupOf(p.id) === group && p.first <= data.cutoffs[j]!.getTime()).length;
    for (const [group, set, cap] of [
      ["train", data.train, MAX_TRAIN_EXAMPLES],
      ["validation", data.validation, MAX_VALIDATION_EXAMPLES],
    ] as const) {
      const available = data.cutoffs.map((_, j) => pairs(group, j));
      const total = available.reduce((s, v) => s + v, 0);
      expect(data.available[group]).toBe(total);
      expect(total).toBeGreaterThan(1.1 * cap);
      expect(set.x.rows).toBeGreaterThan(0.97 * cap);
      expect(set.x.rows).toBeLessThan(1.03 * cap);
      const kept = data.cutoffs.map(() => 0);
      for (const j of set.cutoffIndex) kept[j]!++;
      const rate = cap / total;
      available.forEach((n, j) => {
        if (n >= 500) expect(Math.abs(kept[j]! / n - rate), `cutoff ${j}`).toBeLessThan(0.06);
      });
      // No (profile, cutoff) twice.
      const keys = set.profileIds.map((id, r) => `${id}@${set.cutoffIndex[r]}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    // The test set is never sampled.
    expect(data.test.x.rows).toBe(
      first.filter((p) => groupOf(p.id) === "test" && p.first <= nowMs - 30 * DAY).length,
    );
  }, 60_000);
});

describe("DatasetBuilder: data checks", () => {
  it("refuses a history shorter than lookback + window, saying how many days it needs", () => {
    const builder = build({ lookbackDays: 60, windowDays: 30 }, population(200, 80));
    const error = dataCheckError(() => builder.finish());
    expect(error.message).toContain("the events span 80.0 days before now");
    expect(error.message).toContain("60 + 30 = 90 days");
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
    // Training profiles of both classes, validation profiles that stay at every cutoff (an event
    // every 5 days), and no test profile.
    const active = (id: string, stays: boolean): Profile => ({
      id,
      events: Array.from({ length: 40 }, (_, k) => 200 - 5 * k)
        .filter((d) => stays || d > 100)
        .map((d) => ({ type: "pageView", timestamp: new Date(nowMs - d * DAY).toISOString() })),
    });
    const profiles = [
      ...idsIn("train", 4).map((id, i) => active(id, i % 2 === 0)),
      ...idsIn("validation", 3).map((id) => active(id, true)),
    ];
    const error = dataCheckError(() =>
      build({ dataChecks: { minPositives: 1, minNegatives: 1 } }, profiles).finish(),
    );
    expect(error.problems).toEqual([
      "the validation examples hold only one class (0 of 45 positive)",
      "there are no test examples (profiles that existed one window before now)",
    ]);
  });

  it("counts the most frequent event types when the model names none", () => {
    const profiles = population(300, 200);
    expect(build({}, profiles).finish().schema.layout.eventTypes).toEqual(["pageView", "purchase"]);
    expect(build({ eventTypes: ["purchase"] }, profiles).finish().schema.layout.eventTypes).toEqual([
      "purchase",
    ]);
  });
});

describe("selectRows", () => {
  const set: ExampleSet = {
    x: { rows: 4, cols: 2, data: Float32Array.from([0, 1, 10, 11, 20, 21, 30, 31]) },
    y: Float32Array.from([0, 1, 1, 0]),
    profileIds: ["a", "b", "c", "d"],
    cutoffIndex: Int32Array.from([0, 1, 2, 3]),
  };

  it("keeps the selected rows whole and in order", () => {
    expect(selectRows(set, (r) => r % 2 === 1)).toEqual({
      x: { rows: 2, cols: 2, data: Float32Array.from([10, 11, 30, 31]) },
      y: Float32Array.from([1, 0]),
      profileIds: ["b", "d"],
      cutoffIndex: Int32Array.from([1, 3]),
    });
  });

  it("makes an empty set of the same width, and leaves the original alone", () => {
    const none = selectRows(set, () => false);
    expect(none.x).toEqual({ rows: 0, cols: 2, data: new Float32Array(0) });
    expect(none.profileIds).toEqual([]);
    const all = selectRows(set, () => true);
    expect(all).toEqual(set);
    all.x.data[0] = 99;
    expect(set.x.data[0]).toBe(0);
  });
});

describe("goalBetween", () => {
  const series = (times: number[], goal: number[]): EventSeries => ({
    times: Float64Array.from(times),
    types: times.map(() => "e"),
    revenue: new Float64Array(times.length),
    goal: Uint8Array.from(goal),
    valueStart: new Uint32Array(times.length + 1),
    valueIds: new Int32Array(0),
  });
  const s = series([10, 20, 30, 40], [0, 1, 0, 1]);

  it("is true when a goal event lies in (from, to]", () => {
    expect(goalBetween(s, 10, 20)).toBe(true);
    expect(goalBetween(s, 19, 25)).toBe(true);
    expect(goalBetween(s, 0, 100)).toBe(true);
    expect(goalBetween(s, 35, 40)).toBe(true);
  });

  it("leaves out a goal event at `from` and one after `to`, and ignores other events", () => {
    expect(goalBetween(s, 20, 39)).toBe(false);
    expect(goalBetween(s, 0, 19)).toBe(false);
    expect(goalBetween(s, 40, 100)).toBe(false);
    expect(goalBetween(series([], []), 0, 100)).toBe(false);
  });
});

describe("unitHash", () => {
  it("spreads ids evenly over [0, 1)", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => unitHash(`p-${String(i).padStart(5, "0")}`));
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    for (const [lo, hi] of [
      [0, 0.5],
      [0.5, 1],
      [0, 0.65],
      [0.65, 0.8],
      [0.8, 1],
    ] as const) {
      const share = values.filter((v) => v >= lo && v < hi).length / values.length;
      expect(Math.abs(share - (hi - lo))).toBeLessThan(0.02);
    }
  });
});
