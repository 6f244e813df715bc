import { describe, expect, it } from "vitest";
import { type EventValue, ValueVocabulary } from "./event-values.js";
import { discoverLayout, type EventTypeStats } from "./layout-discovery.js";

/** Invented event types, so that nothing a shop would call its events can be assumed. */
function statsOf(counts: Record<string, number>, goalCounts: Record<string, number> = {}): EventTypeStats {
  return { counts: new Map(Object.entries(counts)), goalCounts: new Map(Object.entries(goalCounts)) };
}

const noValues = { frequentValues: () => [] };

describe("discoverLayout", () => {
  it("counts the event types of the data, most frequent first (ties by name)", () => {
    const layout = discoverLayout(90, statsOf({ tap: 5, swipe: 40, pinch: 12, zoom: 12 }), noValues);
    expect(layout.eventTypes).toEqual(["swipe", "pinch", "zoom", "tap"]);
    expect(layout.lookbackDays).toBe(90);
    expect(layout.windows).toEqual([7, 30, 90]);
    expect(discoverLayout(20, statsOf({ tap: 1 }), noValues).windows).toEqual([7, 20]);
    expect(discoverLayout(365, statsOf({ tap: 1 }), noValues).windows).toEqual([7, 30, 90, 365]);
  });

  it("keeps the 20 most frequent types when there are more", () => {
    const counts = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`kind${i}`, 100 + i]));
    const layout = discoverLayout(60, statsOf(counts), noValues);
    expect(layout.eventTypes).toEqual(Array.from({ length: 20 }, (_, i) => `kind${24 - i}`));
  });

  it("counts exactly the listed types, in their order, even those the data lacks", () => {
    const stats = statsOf({ tap: 50, swipe: 40, pinch: 30, zoom: 20 }, { pinch: 30 });
    const layout = discoverLayout(90, stats, noValues, ["zoom", "pinch", "hover", "tap"]);
    expect(layout.eventTypes).toEqual(["zoom", "pinch", "hover", "tap"]);
    // Derived families only use listed types that occur, by frequency.
    expect(layout.sinceGoalTypes).toEqual(["tap", "zoom"]);
    expect(layout.funnel).toEqual([
      { from: "tap", to: "pinch" },
      { from: "pinch", to: "zoom" },
    ]);
  });

  it("counts since the last goal event only types that are mostly not the goal, at most 10", () => {
    const stats = statsOf(
      { tap: 100, swipe: 80, pinch: 60, zoom: 40 },
      // swipe matches the goal half of the time: it is the goal; tap only sometimes.
      { swipe: 40, tap: 49, zoom: 0 },
    );
    expect(discoverLayout(90, stats, noValues).sinceGoalTypes).toEqual(["tap", "pinch", "zoom"]);
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`kind${i}`, 100 - i]));
    expect(discoverLayout(90, statsOf(many), noValues).sinceGoalTypes).toEqual(
      Array.from({ length: 10 }, (_, i) => `kind${i}`),
    );
  });

  it("links consecutive pairs of the 8 most frequent types into a funnel", () => {
    const counts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`step${i}`, 1000 - 10 * i]));
    const layout = discoverLayout(90, statsOf(counts, { step3: 990 }), noValues);
    expect(layout.funnel).toEqual(
      Array.from({ length: 7 }, (_, i) => ({ from: `step${i}`, to: `step${i + 1}` })),
    );
    expect(discoverLayout(90, statsOf({ tap: 3 }), noValues).funnel).toEqual([]);
  });

  it("counts the vocabulary's frequent values whose type is counted", () => {
    const offered: EventValue[] = [
      { type: "tap", path: "target", value: "button" },
      { type: "hover", path: "target", value: "link" },
      { type: "swipe", path: "direction", value: "left" },
    ];
    const asked: unknown[] = [];
    const vocabulary = {
      frequentValues: (options: unknown) => {
        asked.push(options);
        return offered;
      },
    };
    const stats = statsOf({ tap: 10, swipe: 5, hover: 1 });
    expect(discoverLayout(90, stats, vocabulary).values).toEqual(offered);
    expect(discoverLayout(90, stats, vocabulary, ["swipe", "tap"]).values).toEqual([offered[0], offered[2]]);
    expect(asked).toHaveLength(2);
  });

  it("finds values from a real vocabulary once they have enough support", () => {
    const vocabulary = new ValueVocabulary();
    for (let i = 0; i < 300; i++) vocabulary.idsOf("tap", { target: i % 3 === 0 ? "button" : "link" });
    for (let i = 0; i < 30; i++) vocabulary.idsOf("tap", { target: "rare" });
    const layout = discoverLayout(90, statsOf({ tap: 330 }), vocabulary);
    expect(layout.values).toEqual([
      { type: "tap", path: "target", value: "link" },
      { type: "tap", path: "target", value: "button" },
    ]);
  });
});
