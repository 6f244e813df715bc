/** docs/segment-language.md, "Lists, ranges, text": `in [a, b]` is `= a or = b`; `between a and b` is `>= a and <= b`. */
import { describe, it } from "vitest";
import { attrs, type Case, cases, checkCase, type Row, specProfile } from "./fixtures.js";

const IN = "in [a, b] is = a or = b over the list's present elements";
const BETWEEN = "between a and b is >= a and <= b (inclusive";
const REVERSED = "a reversed range matches nothing)";

const p = attrs({ x: 5, s: "m", lo: 1, hi: 9, d: "2026-06-01" });

const rows: Row[] = [
  ["x in [5]", p, true, IN],
  ["x in [1, 5, 9]", p, true, IN],
  ["x in [1, 9]", p, false, IN],
  ["x in []", p, false, IN],
  ["x in [5.0]", p, true, `${IN} (numbers as numbers)`],
  ["x in [2 + 3]", p, true, IN],
  ["x in [lo, hi, x]", p, true, IN],
  ['x in ["5"]', p, false, `${IN} (= never coerces)`],
  ['s in ["a", "m"]', p, true, IN],
  ['s in ["M"]', p, false, IN],
  ['d in [date("2026-06-01")]', p, true, `${IN} (= parses a string compared with an instant)`],
  ["1 day in [24 hours, 1 week]", specProfile, true, IN],
  ["x not in [1, 9]", p, true, IN],
  ["x not in [1, 5]", p, false, IN],

  ["x between 1 and 9", p, true, BETWEEN],
  ["x between 5 and 9", p, true, `${BETWEEN}: the low bound is included`],
  ["x between 1 and 5", p, true, `${BETWEEN}: the high bound is included`],
  ["x between 5 and 5", p, true, BETWEEN],
  ["x between 5.5 and 9", p, false, BETWEEN],
  ["x between 1 and 4.999", p, false, BETWEEN],
  ["x between lo and hi", p, true, BETWEEN],
  ["x between 9 and 1", p, false, REVERSED],
  ["x between hi and lo", p, false, REVERSED],
  ["x not between 9 and 1", p, true, `${REVERSED}; not between is not (… between …)`],
  ["x not between 1 and 9", p, false, BETWEEN],
  ["x not between 6 and 9", p, true, BETWEEN],
  ['s between "a" and "z"', p, true, `${BETWEEN} (strings)`],
  ['s between "m" and "m"', p, true, `${BETWEEN} (strings)`],
  ['s between "n" and "z"', p, false, `${BETWEEN} (strings)`],
  ['s between "z" and "a"', p, false, REVERSED],
  ['now between date("2026-01-01") and now', specProfile, true, `${BETWEEN} (instants)`],
  ['d between "2026-01-01" and "2026-12-31"', p, true, `${BETWEEN} (two strings compare as strings)`],
  [
    'd between date("2026-01-01") and date("2026-12-31")',
    p,
    true,
    `${BETWEEN} (a string with instants is parsed)`,
  ],
  ['d between date("2026-06-01") and date("2026-06-01")', p, true, BETWEEN],
  ['d between date("2026-06-01T00:00:00.001Z") and now', p, false, BETWEEN],
  ["1 day between 1 day and 2 days", specProfile, true, `${BETWEEN} (durations)`],
  ["2 days between 3 days and 1 day", specProfile, false, REVERSED],
  ['x between 1 and "9"', p, false, `${BETWEEN}; no coercion`],
];

describe("Meaning: in and between", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
