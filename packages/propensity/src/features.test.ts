import type { Profile, ProfileEvent } from "@segflow/segment-language";
import { describe, expect, it } from "vitest";
import { AttributeSurvey, attributeFeatureDefs, chooseAttributeEncodings } from "./attributes.js";
import { FixedValues, ValueVocabulary } from "./event-values.js";
import { featureSchema, RowWriter } from "./feature-schema.js";
import { BehaviourFeatures, behaviourFeatureDefs, countWindows, type FeatureLayout } from "./features.js";
import { discoverLayout } from "./layout-discovery.js";
import { seededRandom } from "./random.js";
import { testPopulation } from "./testing/population.js";
import { type EventSeries, eventSeries, timelineOf, timeOf } from "./timeline.js";

const DAY = 86_400_000;
const cutoff = Date.parse("2026-10-01T00:00:00Z");
const isPurchase = (e: ProfileEvent) => e.type === "purchase";

const layout: FeatureLayout = {
  lookbackDays: 90,
  windows: countWindows(90),
  eventTypes: ["pageView", "productView", "addToCart", "purchase"],
  sinceGoalTypes: ["addToCart", "productView"],
  funnel: [
    { from: "productView", to: "addToCart" },
    { from: "addToCart", to: "purchase" },
  ],
  values: [
    { type: "productView", path: "category", value: "shoes" },
    { type: "productView", path: "category", value: "hats" },
    { type: "addToCart", path: "items.category", value: "shoes" },
  ],
  // Goal columns of their own, as for a goal that is not one event type (layout-discovery.ts).
  goalName: "goal",
  goalColumns: true,
  goalCadence: true,
};

type Ev = [daysBefore: number, type: string, properties?: Record<string, unknown>];

function profileOf(events: readonly Ev[], at = cutoff): Profile {
  return {
    id: "p",
    events: events.map(([days, type, properties]) => ({
      type,
      timestamp: new Date(at - days * DAY).toISOString(),
      properties: properties ?? {},
    })),
  };
}

function rowOf(
  lay: FeatureLayout,
  series: EventSeries,
  at: number,
  valueSlot?: Int32Array,
): Record<string, number> {
  const out = new Float32Array(behaviourFeatureDefs(lay).length);
  new BehaviourFeatures(lay).write(series, at, out, 0, valueSlot);
  return Object.fromEntries(behaviourFeatureDefs(lay).map((d, i) => [d.key, out[i]!]));
}

/** The features at `at` of events given in days before `cutoff`. */
function featuresOf(events: readonly Ev[], options: { at?: number; lay?: FeatureLayout } = {}) {
  const lay = options.lay ?? layout;
  const series = eventSeries(timelineOf(profileOf(events)), isPurchase, new FixedValues(lay.values));
  return rowOf(lay, series, options.at ?? cutoff);
}

/** Each expected feature, by key, to float32 precision (NaN: NaN). */
function expectFeatures(actual: Record<string, number>, expected: Record<string, number>): void {
  for (const [key, value] of Object.entries(expected)) {
    expect(Object.hasOwn(actual, key), `feature ${key}`).toBe(true);
    if (Number.isNaN(value)) expect(actual[key], key).toBeNaN();
    else expect(actual[key], key).toBeCloseTo(value, 5);
  }
}

describe("behaviourFeatureDefs", () => {
  it("has one unique key per value BehaviourFeatures writes", () => {
    const keys = behaviourFeatureDefs(layout).map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(new BehaviourFeatures(layout).size);
    expect(keys).toContain("funnel.addToCart/productView");
    expect(keys).toContain("share.addToCart.items.category=shoes");
    expect(keys.slice(0, 8)).toEqual([
      "daysSinceLastEvent",
      "events.7d",
      "activeDays.7d",
      "revenue.7d",
      "pageView.7d",
      "productView.7d",
      "addToCart.7d",
      "purchase.7d",
    ]);
  });

  it("counts over 7, 30, 90 days and the lookback, those shorter than it", () => {
    expect(countWindows(90)).toEqual([7, 30, 90]);
    expect(countWindows(60)).toEqual([7, 30, 60]);
    expect(countWindows(20)).toEqual([7, 20]);
    expect(countWindows(180)).toEqual([7, 30, 90, 180]);
  });
});

describe("BehaviourFeatures: windows", () => {
  const f = featuresOf([
    [-1, "purchase", { revenue: 1000 }], // after the cutoff: nowhere
    [0, "pageView"], // exactly at the cutoff: in every window
    [1.5, "productView"],
    [6.99, "addToCart"],
    [7, "purchase", { revenue: 20 }], // exactly 7 days: out of 7d, in 30d
    [29.5, "productView"],
    [60, "purchase", { revenue: 100 }],
    [89.99, "scroll"], // a type not counted still counts as an event
    [90, "pageView"], // exactly at cutoff - lookback: out
    [120, "purchase", { revenue: 5 }],
  ]);

  it("counts each window as (cutoff - w days, cutoff], events at the cutoff included", () => {
    expectFeatures(f, {
      daysSinceLastEvent: 0,
      "events.7d": 3,
      "pageView.7d": 1,
      "productView.7d": 1,
      "addToCart.7d": 1,
      "purchase.7d": 0,
      "revenue.7d": 0,
      "events.30d": 5,
      "productView.30d": 2,
      "purchase.30d": 1,
      "revenue.30d": 20,
      "events.90d": 7,
      "pageView.90d": 1,
      "purchase.90d": 2,
      "revenue.90d": 120,
    });
  });

  it("counts distinct active days: 24-hour periods before the cutoff", () => {
    // Ages 0, 1.5, 6.99, 7, 29.5, 60, 89.99 fall in periods 0, 1, 6, 7, 29, 60, 89.
    expectFeatures(f, { "activeDays.7d": 3, "activeDays.30d": 5, "activeDays.90d": 7 });
    const noon = Date.parse("2026-10-01T12:00:00Z");
    const days = featuresOf(
      [
        [0, "pageView"],
        [0.46, "pageView"], // 01:00 the same calendar day
        [0.96, "pageView"], // 13:00 the day before: still within 24 hours of the cutoff
        [1, "pageView"], // exactly 24 hours before: the next period
        [1.99, "pageView"],
        [4.5, "pageView"],
      ].map(([d, t]) => [(d as number) + (cutoff - noon) / DAY, t as string] as Ev),
      { at: noon },
    );
    expectFeatures(days, { "events.7d": 6, "activeDays.7d": 3 });
  });

  it("reads the lookback when there is no event in it", () => {
    expectFeatures(featuresOf([[90, "purchase", { revenue: 9 }]]), {
      daysSinceLastEvent: 90,
      "events.90d": 0,
      "activeDays.90d": 0,
      "revenue.90d": 0,
      "daysSince.purchase": 90,
      "goal.daysSince": 90,
    });
    expectFeatures(featuresOf([[2.25, "scroll"]]), { daysSinceLastEvent: 2.25 });
  });
});

describe("BehaviourFeatures: revenue and order value", () => {
  it("sums revenue and averages it over the events that have some", () => {
    const f = featuresOf([
      [1, "purchase", { revenue: 30 }],
      [10, "purchase", { revenue: 50 }],
      [12, "refund", { revenue: -10 }],
      [13, "purchase", { revenue: "12" }], // not a number: no revenue
      [14, "pageView"],
      [100, "purchase", { revenue: 1000 }],
    ]);
    expectFeatures(f, { "revenue.7d": 30, "revenue.30d": 70, "revenue.90d": 70, averageOrderValue: 40 });
    expectFeatures(featuresOf([[1, "pageView"]]), { averageOrderValue: 0 });
  });
});

describe("BehaviourFeatures: days since each type", () => {
  it("reads the newest event of each type, the lookback when there is none in it", () => {
    const f = featuresOf([
      [3, "productView"],
      [8.5, "productView"],
      [20.25, "addToCart"],
      [95, "purchase"],
      [-2, "pageView"],
    ]);
    expectFeatures(f, {
      "daysSince.productView": 3,
      "daysSince.addToCart": 20.25,
      "daysSince.purchase": 90,
      "daysSince.pageView": 90,
    });
  });
});

describe("BehaviourFeatures: trends", () => {
  it("compares the last 30 days with the 30 before, in events and active days (log ratio)", () => {
    const f = featuresOf([
      [1, "pageView"],
      [1.5, "pageView"],
      [2, "pageView"],
      [29.9, "pageView"], // latest: 4 events on 3 days
      [30, "pageView"], // exactly 30 days: the period before
      [30.5, "pageView"],
      [45, "pageView"], // before: 3 events on 2 days
      [60, "pageView"], // in neither
    ]);
    expectFeatures(f, {
      "trend.events.30d": Math.log(5) - Math.log(4),
      "trend.activeDays.30d": Math.log(4) - Math.log(3),
    });
    expectFeatures(featuresOf([[40, "pageView"]]), {
      "trend.events.30d": -Math.log(2),
      "trend.activeDays.30d": -Math.log(2),
    });
  });

  it("uses half the lookback when it is under 60 days", () => {
    const short: FeatureLayout = { ...layout, lookbackDays: 20, windows: countWindows(20) };
    const f = featuresOf(
      [
        [1, "pageView"],
        [9.9, "pageView"],
        [10, "pageView"],
        [19, "pageView"],
      ],
      { lay: short },
    );
    expectFeatures(f, { "trend.events.10d": 0, "events.20d": 4, "events.7d": 1 });
    expectFeatures(featuresOf([[3, "pageView"]], { lay: short }), { "trend.events.10d": Math.log(2) });
  });
});

describe("BehaviourFeatures: goal cadence", () => {
  it("counts goal events, days since the last, their mean gap and how overdue the next one is", () => {
    const f = featuresOf([
      [-3, "purchase"],
      [2, "purchase"],
      [5, "pageView"],
      [12, "purchase"],
      [32, "purchase"],
      [95, "purchase"],
    ]);
    expectFeatures(f, { "goal.count": 3, "goal.daysSince": 2, "goal.meanGap": 15, "goal.overdue": 2 / 15 });
  });

  it("has no mean gap nor overdue-ness under two goal events", () => {
    expectFeatures(featuresOf([[4.5, "purchase"]]), {
      "goal.count": 1,
      "goal.daysSince": 4.5,
      "goal.meanGap": Number.NaN,
      "goal.overdue": Number.NaN,
    });
    expectFeatures(featuresOf([[1, "pageView"]]), {
      "goal.count": 0,
      "goal.daysSince": 90,
      "goal.meanGap": Number.NaN,
      "goal.overdue": Number.NaN,
    });
  });

  it("caps overdue-ness at ten gaps, and measures gaps between the days goal events fall on", () => {
    const long = featuresOf([
      [50, "purchase"],
      [51, "purchase"],
      [52, "purchase"],
    ]);
    expectFeatures(long, { "goal.meanGap": 1, "goal.overdue": 10 });
    const sameDay = featuresOf([
      [5, "purchase"],
      [5.2, "purchase"],
      [5.4, "purchase"],
    ]);
    // Three purchases in one day are one day with purchases: no gap yet.
    expectFeatures(sameDay, { "goal.count": 3, "goal.meanGap": Number.NaN, "goal.overdue": Number.NaN });
    const twoVisits = featuresOf([
      [5, "purchase"],
      [5.2, "purchase"],
      [12.5, "purchase"],
      [12.6, "purchase"],
    ]);
    // Days 5 and 12, each read at its latest purchase (5.0 and 12.5 days ago): one gap of 7.5 days.
    expectFeatures(twoVisits, { "goal.count": 4, "goal.meanGap": 7.5, "goal.overdue": 5 / 7.5 });
    // A gap under a day reads as a day.
    const close = featuresOf([
      [3.1, "purchase"],
      [4.0, "purchase"],
    ]);
    expectFeatures(close, { "goal.meanGap": 0.9, "goal.overdue": 3.1 });
  });

  it("follows the goal matcher, not the event type", () => {
    const events: Ev[] = [
      [1, "purchase", { revenue: 0 }],
      [3, "purchase", { revenue: 10 }],
      [9, "purchase", { revenue: 20 }],
    ];
    const paid = (e: ProfileEvent) => ((e.properties as { revenue?: number }).revenue ?? 0) > 0;
    const series = eventSeries(timelineOf(profileOf(events)), paid, new FixedValues([]));
    expectFeatures(rowOf(layout, series, cutoff), {
      "goal.count": 2,
      "goal.daysSince": 3,
      "goal.meanGap": 6,
    });
  });

  it("reads the cadence of active days the same way, in whole days", () => {
    const f = featuresOf([
      [3.5, "pageView"],
      [3.7, "productView"],
      [10.2, "pageView"],
      [20.9, "pageView"],
    ]);
    // Active days 3, 10 and 20.
    expectFeatures(f, { "activeDays.meanGap": 8.5, "activeDays.overdue": 3 / 8.5 });
    expectFeatures(featuresOf([[3.5, "pageView"]]), {
      "activeDays.meanGap": Number.NaN,
      "activeDays.overdue": Number.NaN,
    });
  });
});

describe("BehaviourFeatures: since the last goal event", () => {
  it("counts carts after the last purchase and the days since the newest of them (cart abandonment)", () => {
    const f = featuresOf([
      [1, "productView"],
      [3, "addToCart"],
      [6, "addToCart"],
      [8, "productView"],
      [10, "purchase"],
      [20, "addToCart"], // before the purchase: bought, not abandoned
      [25, "productView"],
    ]);
    expectFeatures(f, {
      "sinceGoal.addToCart": 2,
      "sinceGoal.daysSince.addToCart": 3,
      "sinceGoal.productView": 2,
      "sinceGoal.daysSince.productView": 1,
    });
  });

  it("counts nothing when the last cart was bought", () => {
    expectFeatures(
      featuresOf([
        [10, "purchase"],
        [20, "addToCart"],
      ]),
      { "sinceGoal.addToCart": 0, "sinceGoal.daysSince.addToCart": 90 },
    );
  });

  it("counts every cart in the lookback when no goal event is in it", () => {
    expectFeatures(
      featuresOf([
        [50, "addToCart"],
        [70, "addToCart"],
        [91, "addToCart"],
        [100, "purchase"],
      ]),
      { "sinceGoal.addToCart": 2, "sinceGoal.daysSince.addToCart": 50 },
    );
  });
});

describe("BehaviourFeatures: funnel", () => {
  it("divides each step's events by one more than the step before it's, over the lookback", () => {
    const f = featuresOf([
      [1, "productView"],
      [2, "productView"],
      [3, "addToCart"],
      [4, "productView"],
      [5, "addToCart"],
      [6, "productView"],
      [7, "purchase"],
      [95, "addToCart"],
    ]);
    expectFeatures(f, { "funnel.addToCart/productView": 2 / 5, "funnel.purchase/addToCart": 1 / 3 });
    expectFeatures(featuresOf([]), { "funnel.addToCart/productView": 0 });
  });
});

describe("BehaviourFeatures: categorical values", () => {
  const events: Ev[] = [
    [1, "productView", { category: "shoes" }],
    [2, "productView", { category: "shoes", colour: "red" }],
    [3, "productView", { category: "hats" }],
    [4, "productView", {}],
    [5, "productView", { category: "shoes" }],
    [6, "addToCart", { category: "shoes" }], // another type: not productView's value
    [7, "addToCart", { items: [{ category: "shoes" }, { category: "shoes" }, { category: "hats" }] }],
    [8, "addToCart", { items: [{ category: "bags" }] }],
    [100, "productView", { category: "shoes" }],
  ];

  it("counts each value's events and their share of the type's events, each event once", () => {
    expectFeatures(featuresOf(events), {
      "productView.category=shoes": 3,
      "share.productView.category=shoes": 3 / 5,
      "productView.category=hats": 1,
      "share.productView.category=hats": 1 / 5,
      "addToCart.items.category=shoes": 1,
      "share.addToCart.items.category=shoes": 1 / 3,
    });
    expectFeatures(featuresOf([[1, "pageView"]]), {
      "productView.category=shoes": 0,
      "share.productView.category=shoes": 0,
    });
  });

  it("reads the same through a training vocabulary's slots as through fixed values", () => {
    const vocabulary = new ValueVocabulary();
    vocabulary.idsOf("productView", { category: "bags", other: "x" }); // ids that are not slots
    const series = eventSeries(timelineOf(profileOf(events)), isPurchase, vocabulary);
    const viaSlots = rowOf(layout, series, cutoff, vocabulary.slotsFor(layout.values));
    expect(viaSlots).toEqual(featuresOf(events));
    expect(viaSlots["productView.category=shoes"]).toBe(3);
  });
});

describe("BehaviourFeatures.write", () => {
  it("writes only its own part of a row and forgets the previous row", () => {
    const behaviour = new BehaviourFeatures(layout);
    const busy = eventSeries(
      timelineOf(profileOf([[1, "addToCart", { items: [{ category: "shoes" }] }]])),
      isPurchase,
      new FixedValues(layout.values),
    );
    const empty = eventSeries(timelineOf(profileOf([])), isPurchase, new FixedValues(layout.values));
    const out = new Float32Array(behaviour.size * 2 + 2).fill(-1);
    behaviour.write(busy, cutoff, out, 1);
    behaviour.write(empty, cutoff, out, 1 + behaviour.size);
    expect(out[0]).toBe(-1);
    expect(out.at(-1)).toBe(-1);
    const fresh = new Float32Array(behaviour.size);
    new BehaviourFeatures(layout).write(empty, cutoff, fresh, 0);
    expect([...out.subarray(1 + behaviour.size, 1 + 2 * behaviour.size)]).toEqual([...fresh]);
    expect([...out.subarray(1, 1 + behaviour.size)]).not.toEqual([...fresh]);
  });
});

describe("point in time: no leakage", () => {
  const now = new Date("2026-10-01T00:00:00Z");
  const nowMs = now.getTime();
  const categories = ["shoes", "hats", "bags", "coats"];

  /** The unit-test population, with categorical properties, carts, orders and attributes of every kind. */
  function population(): Profile[] {
    const random = seededRandom(11);
    return testPopulation(160, 400, now, 5).map((p, i) => {
      const events = [...(p.events ?? [])];
      const extra = Math.floor(random() * 30);
      for (let k = 0; k < extra; k++) {
        const t = nowMs - random() * 400 * DAY;
        const category = categories[Math.floor(random() ** 2 * categories.length)]!;
        const r = random();
        if (r < 0.55)
          events.push({
            type: "productView",
            timestamp: new Date(t).toISOString(),
            properties: { product: { category }, gift: random() < 0.3 },
          });
        else if (r < 0.85)
          events.push({
            type: "addToCart",
            timestamp: new Date(t), // a Date works as well as a string
            properties: { items: [{ category }, { category: categories[k % 4] }] },
          });
        else
          events.push({
            type: "purchase",
            timestamp: new Date(t).toISOString(),
            properties: { revenue: Math.round(5 + 95 * random()), channel: random() < 0.5 ? "web" : "app" },
          });
      }
      const first = Math.min(...events.map((e) => timeOf(e.timestamp)!));
      return {
        ...p,
        events,
        attributes: {
          ...p.attributes,
          // Some signed up after the earlier cutoffs (an instant attribute later than the cutoff).
          ...(i % 11 === 0 ? {} : { signupDate: new Date(first - random() * 30 * DAY).toISOString() }),
          lastLogin: new Date(nowMs - random() * 300 * DAY),
          age: i % 5 === 0 ? undefined : 18 + (i % 60),
          vip: i % 3 === 0,
          email: `person${i}@example.com`,
          tags: i % 2 === 0 ? ["newsletter"] : ["newsletter", "app"],
          loyalty: { points: Math.round(random() * 1000) },
        },
      };
    });
  }

  const profiles = population();
  // The schema is discovered from the whole data, as when a model is fitted.
  const vocabulary = new ValueVocabulary();
  const survey = new AttributeSurvey();
  const counts = new Map<string, number>();
  const goalCounts = new Map<string, number>();
  const fullSeries = profiles.map((p) => {
    const s = eventSeries(timelineOf(p), isPurchase, vocabulary);
    s.types.forEach((type, i) => {
      counts.set(type!, (counts.get(type!) ?? 0) + 1);
      if (s.goal[i] === 1) goalCounts.set(type!, (goalCounts.get(type!) ?? 0) + 1);
    });
    survey.add(p.attributes);
    return s;
  });
  const discovered = discoverLayout(90, { counts, goalCounts }, vocabulary);
  const { encodings } = chooseAttributeEncodings(survey, []);
  const schema = featureSchema(discovered, encodings);
  const writer = new RowWriter(schema);
  const slots = vocabulary.slotsFor(discovered.values);
  const keys = schema.features.map((f) => f.key);

  const profile0Times = timelineOf(profiles[0]!).times;
  const cutoffs = [
    nowMs,
    nowMs - 1 * DAY,
    nowMs - 30.5 * DAY,
    nowMs - 90 * DAY,
    nowMs - 200.3 * DAY,
    profile0Times[Math.floor(profile0Times.length / 2)]!, // exactly at an event
  ];

  function row(series: EventSeries, attributes: unknown, at: number, valueSlot?: Int32Array): Float32Array {
    const out = new Float32Array(writer.size);
    writer.write(series, attributes, at, out, 0, valueSlot);
    return out;
  }

  it("discovers every family from the data", () => {
    expect([...discovered.eventTypes].sort()).toEqual(["addToCart", "pageView", "productView", "purchase"]);
    expect([...discovered.sinceGoalTypes].sort()).toEqual(["addToCart", "pageView", "productView"]);
    expect(discovered.funnel).toHaveLength(3);
    expect(discovered.values.map((v) => `${v.type}.${v.path}`)).toEqual(
      expect.arrayContaining([
        "productView.product.category",
        "productView.gift",
        "addToCart.items.category",
      ]),
    );
    expect(new Set(encodings.map((e) => e.kind))).toEqual(
      new Set(["number", "boolean", "instant", "category", "tags"]),
    );
    expect(keys).toContain("signupDate.daysBefore");
    expect(keys).toContain("signupDate.missing");
    expect(keys).toContain("age.missing");
    expect(keys).not.toContain("email=person1@example.com");
  });

  it("writes the same row whether or not every event after the cutoff is deleted", () => {
    const mismatches: string[] = [];
    let truncated = 0;
    let compared = 0;
    for (const at of cutoffs) {
      profiles.forEach((p, i) => {
        const before = (p.events ?? []).filter((e) => timeOf(e.timestamp)! <= at);
        if (before.length < (p.events ?? []).length) truncated++;
        const past: Profile = { ...p, events: before };
        const full = row(fullSeries[i]!, p.attributes, at, slots);
        const variants = {
          fixed: row(
            eventSeries(timelineOf(past), isPurchase, new FixedValues(discovered.values)),
            p.attributes,
            at,
          ),
          fresh: (() => {
            const own = new ValueVocabulary();
            const s = eventSeries(timelineOf(past), isPurchase, own);
            return row(s, p.attributes, at, own.slotsFor(discovered.values));
          })(),
        };
        for (const [name, cut] of Object.entries(variants)) {
          compared++;
          for (let j = 0; j < writer.size; j++) {
            if (!Object.is(full[j], cut[j]))
              mismatches.push(
                `${p.id} at ${new Date(at).toISOString()} (${name}): ${keys[j]} ${full[j]} != ${cut[j]}`,
              );
          }
        }
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    // The deletion did remove events for most (profile, cutoff) pairs, and rows say something.
    expect(compared).toBe(2 * cutoffs.length * profiles.length);
    expect(truncated).toBeGreaterThan(0.6 * (cutoffs.length - 1) * profiles.length);
    const at90 = profiles.map((p, i) => row(fullSeries[i]!, p.attributes, nowMs - 90 * DAY, slots));
    for (const key of [
      "events.90d",
      "sinceGoal.addToCart",
      `${discovered.values[0]!.type}.${discovered.values[0]!.path}=${discovered.values[0]!.value}`,
    ])
      expect(
        at90.some((r) => r[keys.indexOf(key)]! > 0),
        key,
      ).toBe(true);
  });

  it("reads an instant attribute later than the cutoff as missing", () => {
    const at = nowMs - 200.3 * DAY;
    const days = keys.indexOf("signupDate.daysBefore");
    const missing = keys.indexOf("signupDate.missing");
    let later = 0;
    let earlier = 0;
    profiles.forEach((p, i) => {
      const signup = (p.attributes as { signupDate?: string }).signupDate;
      if (signup === undefined) return;
      const r = row(fullSeries[i]!, p.attributes, at, slots);
      const t = Date.parse(signup);
      if (t > at) {
        later++;
        expect(r[days]).toBeNaN();
        expect(r[missing]).toBe(1);
      } else {
        earlier++;
        expect(r[days]).toBeCloseTo((at - t) / DAY, 3);
        expect(r[missing]).toBe(0);
      }
    });
    expect(later).toBeGreaterThan(0);
    expect(earlier).toBeGreaterThan(0);
    // Attribute columns follow the behaviour ones, in the schema's order.
    expect(keys.slice(behaviourFeatureDefs(discovered).length)).toEqual(
      encodings.flatMap(attributeFeatureDefs).map((d) => d.key),
    );
  });
});
