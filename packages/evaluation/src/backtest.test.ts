import { describe, expect, test } from "vitest";
import { backtestInstants, backtestPointCount, parseStep } from "./backtest.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("parseStep", () => {
  test.each([
    ["1 day", DAY],
    ["6 hours", 6 * HOUR],
    ["90 minutes", 90 * 60_000],
    ["2 weeks", 14 * DAY],
    ["1.5 days", 1.5 * DAY],
    [" 3 Days ", 3 * DAY],
    ["1 minute", 60_000],
    ["12hours", 12 * HOUR],
  ])("%j → %d ms", (text, ms) => {
    expect(parseStep(text)).toBe(ms);
  });

  test.each(["", "day", "1", "0 days", "-1 day", "1 month", "1 day 2 hours", "P1D", "1e3 days"])(
    "%j is not a step",
    (text) => {
      expect(parseStep(text)).toBeUndefined();
    },
  );
});

describe("backtestInstants", () => {
  test("from, from + step, … up to to, included when a step lands on it", () => {
    expect(backtestInstants(0, 3 * DAY, DAY)).toEqual([0, DAY, 2 * DAY, 3 * DAY]);
    expect(backtestInstants(0, 3 * DAY - 1, DAY)).toEqual([0, DAY, 2 * DAY]);
    expect(backtestInstants(5, 5, DAY)).toEqual([5]);
  });

  test("backtestPointCount counts them without listing them", () => {
    for (const [from, to, step] of [
      [0, 3 * DAY, DAY],
      [0, 3 * DAY - 1, DAY],
      [5, 5, DAY],
      [0, 399 * HOUR, HOUR],
    ] as const) {
      expect(backtestPointCount(from, to, step)).toBe(backtestInstants(from, to, step).length);
    }
    expect(backtestPointCount(DAY, 0, HOUR)).toBe(0);
  });
});
