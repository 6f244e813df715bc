/** docs/segment-language.md, "Arithmetic and functions": lower, upper, abs, length, daysSince, yearsSince. */
import { describe, it } from "vitest";
import { at, attrs, type Case, cases, checkCase, DAY, NOW, type Row, specProfile } from "./fixtures.js";

const CASE_MAP = "lower/upper of a string (Unicode default case mapping, no locale)";
const ABS = "abs of a number";
const LENGTH = "length of a string (code points) or array";
const OTHER = "of any other type, missing";
const DAYS = "daysSince(x): (now − x) in milliseconds ÷ 86,400,000, floored (negative for the future)";
const YEARS = "yearsSince(x): the largest n such that x plus n calendar years (in UTC) is not after now";
const FEB29 = "29 February becomes 28 February in other years";
const PARSE =
  "For both, a string is parsed as an instant; anything else, or a string that does not parse, gives missing";

const p = attrs({
  s: "Ärger",
  t: true,
  o: { a: 1 },
  l: ["a", "b", "c"],
  n: 5,
  neg: -5,
  none: null,
  smile: "😀x",
});
const x = (value: unknown) => attrs({ x: value });
const utc = (iso: string) => Date.parse(iso);

const rows: Row[] = [
  // lower / upper.
  ['lower("ÀBC") = "àbc"', p, true, CASE_MAP],
  ['upper("àbc") = "ÀBC"', p, true, CASE_MAP],
  ['upper("ß") = "SS"', p, true, `${CASE_MAP} (ß upper-cases to SS)`],
  ['upper("straße") = "STRASSE"', p, true, CASE_MAP],
  ['lower("STRASSE") = "strasse"', p, true, CASE_MAP],
  ['upper("ﬁ") = "FI"', p, true, `${CASE_MAP} (full mapping of a ligature)`],
  ['lower("ΑΒΓ") = "αβγ"', p, true, CASE_MAP],
  ['upper("i") = "I"', p, true, `${CASE_MAP} (no Turkish dotted İ)`],
  ['lower("I") = "i"', p, true, `${CASE_MAP} (no Turkish dotless ı)`],
  [String.raw`lower("İ") = "i\u0307"`, p, true, `${CASE_MAP} (İ lower-cases to i + combining dot)`],
  ['lower("😀") = "😀"', p, true, CASE_MAP],
  ['lower(s) = "ärger" and upper(s) = "ÄRGER"', p, true, CASE_MAP],
  ['lower(country) = "us"', specProfile, true, CASE_MAP],
  ["lower(n) is null", p, true, OTHER],
  ["upper(t) is null", p, true, OTHER],
  ["lower(l) is null", p, true, `${OTHER} (an array is not mapped)`],
  ["lower(o) is null", p, true, OTHER],
  ["lower(none) is null", p, true, OTHER],
  ["upper(now) is null", p, true, OTHER],
  ["lower(1 day) is null", p, true, OTHER],

  // abs.
  ["abs(-3) = 3", p, true, ABS],
  ["abs(3) = 3", p, true, ABS],
  ["abs(0) = 0", p, true, ABS],
  ["abs(-2.5) = 2.5", p, true, ABS],
  ["abs(neg) = n", p, true, ABS],
  ['abs("-3") is null', p, true, `${ABS}; ${OTHER}`],
  ["abs(-1 day) is null", p, true, `${ABS}; ${OTHER}`],
  ["abs(t) is null", p, true, OTHER],
  ["abs(l) is null", p, true, OTHER],
  ["abs(none) is null", p, true, OTHER],
  ["abs(now) is null", p, true, OTHER],

  // length.
  ['length("abc") = 3', p, true, LENGTH],
  ['length("") = 0', p, true, LENGTH],
  ['length("😀") = 1', p, true, `${LENGTH}: a non-BMP character is one code point`],
  ['length("😀😀a") = 3', p, true, LENGTH],
  ["length(smile) = 2", p, true, LENGTH],
  [String.raw`length("e\u0301") = 2`, p, true, `${LENGTH}: code points, not graphemes`],
  [String.raw`length("\uD83D\uDE00") = 1`, p, true, LENGTH],
  ["length(l) = 3", p, true, LENGTH],
  ["length([]) = 0", p, true, LENGTH],
  ["length([1, [2, 3]]) = 2", p, true, LENGTH],
  ["length(tags) = 2", specProfile, true, LENGTH],
  ["length(n) is null", p, true, OTHER],
  ["length(o) is null", p, true, OTHER],
  ["length(t) is null", p, true, OTHER],
  ["length(none) is null", p, true, OTHER],
  ["length(now) is null", p, true, OTHER],
  ["length(1 day) is null", p, true, OTHER],

  // daysSince.
  ["daysSince(x) = 1", x(at(-1.5 * DAY)), true, DAYS],
  ["daysSince(x) = 1", x(at(-DAY)), true, DAYS],
  ["daysSince(x) = 0", x(at(-DAY + 1)), true, `${DAYS}: floored`],
  ["daysSince(x) = 0", x(at(-1)), true, DAYS],
  ["daysSince(x) = 0", x(at(0)), true, DAYS],
  ["daysSince(x) = -1", x(at(1)), true, `${DAYS}: floored, so a millisecond ahead is -1`],
  ["daysSince(x) = -1", x(at(DAY)), true, DAYS],
  ["daysSince(x) = -2", x(at(DAY + 1)), true, DAYS],
  ["daysSince(x) = -2", x(at(1.5 * DAY)), true, DAYS],
  ["daysSince(now) = 0", p, true, DAYS],
  ["daysSince(now - 3 days) = 3", p, true, DAYS],
  ['daysSince(date("2026-11-01")) = 28', p, true, DAYS],
  ['daysSince("2026-11-28T12:00Z") = 1', p, true, `${DAYS}; ${PARSE}`],
  ['daysSince("2026-11-28T12:00:00.001Z") = 0', p, true, `${DAYS}; ${PARSE}`],
  ["daysSince(x) = 3", x(new Date(NOW - 3 * DAY)), true, `${DAYS} (a BSON date)`],
  ["daysSince(x) = 30", x("2026-10-30T12:00:00+00:00"), true, PARSE],
  ['daysSince("garbage") is null', p, true, PARSE],
  ['daysSince("2026-02-30") is null', p, true, PARSE],
  ["daysSince(n) is null", p, true, PARSE],
  ["daysSince(t) is null", p, true, PARSE],
  ["daysSince(none) is null", p, true, PARSE],
  ["daysSince(1 day) is null", p, true, PARSE],
  ["daysSince(l) is null", p, true, PARSE],

  // yearsSince.
  ["yearsSince(birthDate) = 36", specProfile, true, YEARS],
  ["yearsSince(birthDate) >= 18", specProfile, true, `${YEARS}: an age`],
  ["yearsSince(x) = 18", x("2008-11-29T12:00:00Z"), true, `${YEARS}: the exact anniversary is not after now`],
  ["yearsSince(x) = 17", x("2008-11-29T12:00:00.001Z"), true, YEARS],
  ["yearsSince(x) = 18", x("2008-11-29"), true, YEARS],
  ["yearsSince(x) = 17", x("2008-11-30"), true, YEARS],
  ["yearsSince(x) = 17", x("2008-11-29T13:00Z"), true, `${YEARS} (time of day counts)`],
  ["yearsSince(x) = 18", x("2008-11-29T13:00+02:00"), true, `${YEARS} (in UTC)`],
  ["yearsSince(x) = 18", x("2008-02-29"), true, FEB29, utc("2026-02-28T00:00:00Z")],
  ["yearsSince(x) = 17", x("2008-02-29"), true, FEB29, utc("2026-02-27T23:59:59.999Z")],
  ["yearsSince(x) = 18", x("2008-02-29"), true, FEB29, utc("2026-03-01T00:00:00Z")],
  [
    "yearsSince(x) = 19",
    x("2004-02-29"),
    true,
    `${FEB29} (2024 is a leap year)`,
    utc("2024-02-28T12:00:00Z"),
  ],
  ["yearsSince(x) = 20", x("2004-02-29"), true, FEB29, utc("2024-02-29T00:00:00Z")],
  ["yearsSince(x) = 21", x("2004-02-29"), true, FEB29, utc("2025-02-28T00:00:00Z")],
  ["yearsSince(x) = 23", x("2000-02-29T10:00Z"), true, FEB29, utc("2023-02-28T10:00:00Z")],
  ["yearsSince(x) = 22", x("2000-02-29T10:00Z"), true, FEB29, utc("2023-02-28T09:59:59.999Z")],
  ["yearsSince(x) = 1", x("2023-02-28"), true, YEARS, utc("2024-02-28T00:00:00Z")],
  ["yearsSince(now) = 0", p, true, YEARS],
  ["yearsSince(now - 1 day) = 0", p, true, YEARS],
  ['yearsSince(date("2000-01-01")) = 26', p, true, YEARS],
  ['yearsSince("1990-05-01") = 36', p, true, `${YEARS}; ${PARSE}`],
  ["yearsSince(x) = 26", x(new Date("2000-06-01T00:00:00Z")), true, `${YEARS} (a BSON date)`],
  [
    "yearsSince(x) = -1",
    x(at(DAY)),
    true,
    `${YEARS}: the largest n, so -1 for a date within the coming year (documented reading)`,
  ],
  ['yearsSince("garbage") is null', p, true, PARSE],
  ['yearsSince("1990-02-30") is null', p, true, PARSE],
  ["yearsSince(n) is null", p, true, PARSE],
  ["yearsSince(t) is null", p, true, PARSE],
  ["yearsSince(none) is null", p, true, PARSE],
  ["yearsSince(1 day) is null", p, true, PARSE],
];

describe("Meaning: Functions", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
