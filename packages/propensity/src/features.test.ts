import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { behaviourFeatureDefs, behaviourFeatures, featureLayout } from "./features.js";
import { timelineOf } from "./timeline.js";

const DAY = 86_400_000;
const cutoff = Date.parse("2026-10-01T00:00:00Z");
const layout = featureLayout(90, ["purchase", "pageView"], []);
const names = behaviourFeatureDefs(layout).map((d) => d.name);

type Ev = [daysBefore: number, type: string, revenue?: number];

function features(events: readonly Ev[], at = cutoff): Record<string, number> {
  const timeline = timelineOf({
    id: "p",
    events: events.map(([days, type, revenue]) => ({
      type,
      timestamp: new Date(cutoff - days * DAY).toISOString(),
      properties: revenue === undefined ? {} : { revenue },
    })),
  });
  const values = behaviourFeatures(timeline, at, layout);
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}

describe("featureLayout and names", () => {
  it("counts over 7, 30 and the lookback, per event type, with revenue and a trend", () => {
    expect(layout.windows).toEqual([7, 30, 90]);
    expect(names).toEqual([
      "daysSinceLastEvent",
      "events.7d",
      "purchase.7d",
      "pageView.7d",
      "revenue.7d",
      "events.30d",
      "purchase.30d",
      "pageView.30d",
      "revenue.30d",
      "events.90d",
      "purchase.90d",
      "pageView.90d",
      "revenue.90d",
      "trend.30d",
    ]);
    expect(featureLayout(60, [], []).windows).toEqual([7, 30, 60]);
    expect(featureLayout(20, [], []).windows).toEqual([7, 20]);
    expect(behaviourFeatureDefs(featureLayout(20, [], [])).at(-1)!.name).toBe("trend.10d");
  });
});

describe("behaviourFeatures", () => {
  it("counts each window as (cutoff - w days, cutoff], with revenue summed", () => {
    const f = features([
      [0, "pageView"], // at the cutoff: in every window
      [6.9, "purchase", 20],
      [7, "purchase", 5], // exactly 7 days: out of 7d, in 30d
      [29, "pageView"],
      [60, "purchase", 100],
      [89.99, "other"], // an uncounted type still counts in events.*
    ]);
    expect(f).toMatchObject({
      daysSinceLastEvent: 0,
      "events.7d": 2,
      "purchase.7d": 1,
      "pageView.7d": 1,
      "revenue.7d": 20,
      "events.30d": 4,
      "purchase.30d": 2,
      "revenue.30d": 25,
      "events.90d": 6,
      "purchase.90d": 3,
      "pageView.90d": 2,
      "revenue.90d": 125,
    });
  });

  it("is point in time: events after the cutoff or at/before cutoff - lookback change nothing", () => {
    const history: Ev[] = [
      [1, "pageView"],
      [12, "purchase", 30],
      [45, "pageView"],
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.double({ min: -400, max: -0.001, noNaN: true }),
              fc.double({ min: 90, max: 800, noNaN: true }),
            ),
            fc.constantFrom("purchase", "pageView", "other"),
            fc.double({ min: 0, max: 1000, noNaN: true }),
          ),
          { maxLength: 30 },
        ),
        (noise) => {
          expect(features([...history, ...(noise as Ev[])])).toEqual(features(history));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reads the profile as of the cutoff it is given", () => {
    // The same events, seen from 20 days earlier: the first two are in the future then.
    const events: Ev[] = [
      [1, "pageView"],
      [12, "purchase"],
      [45, "pageView"],
    ];
    const earlier = features(events, cutoff - 20 * DAY);
    expect(earlier.daysSinceLastEvent).toBeCloseTo(25, 9);
    expect(earlier["events.90d"]).toBe(1);
    expect(earlier["purchase.90d"]).toBe(0);
  });

  it("caps days since the last event at the lookback, with or without older events", () => {
    expect(features([]).daysSinceLastEvent).toBe(90);
    expect(features([[200, "pageView"]]).daysSinceLastEvent).toBe(90);
    expect(features([[90, "pageView"]]).daysSinceLastEvent).toBe(90);
    expect(features([[89.5, "pageView"]]).daysSinceLastEvent).toBeCloseTo(89.5, 9);
    expect(features([[-3, "pageView"]]).daysSinceLastEvent).toBe(90);
  });

  it("gives a negative trend to a fading profile and a positive one to a growing one", () => {
    // Trend: ln(1 + events in the last 30 days) - ln(1 + events in the 30 before).
    const fading: Ev[] = [
      [35, "pageView"],
      [40, "pageView"],
      [50, "pageView"],
      [5, "pageView"],
    ];
    const growing: Ev[] = [
      [35, "pageView"],
      [2, "pageView"],
      [3, "pageView"],
      [20, "pageView"],
    ];
    const steady: Ev[] = [
      [10, "pageView"],
      [40, "pageView"],
    ];
    expect(features(fading)["trend.30d"]).toBeCloseTo(Math.log(2) - Math.log(4), 12);
    expect(features(growing)["trend.30d"]).toBeCloseTo(Math.log(4) - Math.log(2), 12);
    expect(features(steady)["trend.30d"]).toBe(0);
    // Events older than two trend periods do not move it.
    expect(features([...steady, [75, "pageView"]])["trend.30d"]).toBe(0);
  });
});
