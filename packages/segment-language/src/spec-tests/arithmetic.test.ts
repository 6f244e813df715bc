/** docs/segment-language.md, "Arithmetic and functions": numbers, instants, durations, everything else missing. */
import { describe, it } from "vitest";
import { attrs, type Case, cases, checkCase, type Row } from "./fixtures.js";

const NUMBERS = "Numbers: + - * / as usual";
const DIV_ZERO = "division by zero is missing";
const INSTANT_DURATION = "instant ± duration and duration + instant are instants";
const INSTANT_INSTANT = "instant − instant a duration";
const DURATIONS = "durations add and subtract";
const NEGATIVE = "-3 days is a negative duration";
const OTHER = "Any other combination (a string plus a string, a number plus a duration) is missing";

const p = attrs({ a: 7, b: 2, zero: 0, s: "x", t: true, o: { k: 1 }, l: [1], d: "2026-01-01", n: null });

const rows: Row[] = [
  ["1 + 2 = 3", p, true, NUMBERS],
  ["7 - 10 = -3", p, true, NUMBERS],
  ["6 * 7 = 42", p, true, NUMBERS],
  ["1 / 4 = 0.25", p, true, NUMBERS],
  ["7 / 2 = 3.5", p, true, `${NUMBERS} (no integer division)`],
  ["a / b = 3.5", p, true, NUMBERS],
  ["a - b * 2 = 3", p, true, NUMBERS],
  ["-a = -7", p, true, NUMBERS],
  ["0 / 5 = 0", p, true, NUMBERS],
  ["(1 / 0) is null", p, true, DIV_ZERO],
  ["(0 / 0) is null", p, true, DIV_ZERO],
  ["(-1 / 0) is null", p, true, DIV_ZERO],
  ["(a / zero) is null", p, true, DIV_ZERO],
  ["a / zero > 0", p, false, `${DIV_ZERO} (and a missing operand makes a comparison false)`],
  ["a / zero = a / zero", p, false, DIV_ZERO],
  ["(1 / 0 + 1) is null", p, true, `${DIV_ZERO} (and stays missing)`],
  ["(1 / 0) * 0 is null", p, true, DIV_ZERO],

  // Instants and durations.
  ["now - 1 day < now", p, true, INSTANT_DURATION],
  ["now + 1 day > now", p, true, INSTANT_DURATION],
  ["1 day + now > now", p, true, INSTANT_DURATION],
  ['now + 1 day = date("2026-11-30T12:00:00Z")', p, true, INSTANT_DURATION],
  ['1 week + date("2026-01-01") = date("2026-01-08")', p, true, INSTANT_DURATION],
  ['date("2026-03-29T00:00Z") + 1 day = date("2026-03-30")', p, true, `${INSTANT_DURATION} (UTC, no DST)`],
  ['now - date("2026-11-28T12:00Z") = 1 day', p, true, INSTANT_INSTANT],
  ['date("2026-11-28T12:00Z") - now = -1 day', p, true, INSTANT_INSTANT],
  ['date("2026-03-01") - date("2026-02-28") = 1 day', p, true, INSTANT_INSTANT],
  ['date("2024-03-01") - date("2024-02-28") = 2 days', p, true, INSTANT_INSTANT],
  ["now - now = 0 days", p, true, INSTANT_INSTANT],
  ["(now - now) != 0", p, true, `${INSTANT_INSTANT}, not a number`],
  ["1 day + 2 days = 3 days", p, true, DURATIONS],
  ["3 days - 1 day = 2 days", p, true, DURATIONS],
  ["1 hour - 1 day = -23 hours", p, true, DURATIONS],
  ["1 week - 7 days = 0 minutes", p, true, DURATIONS],
  ["now + (1 day + 1 hour) = now + 25 hours", p, true, DURATIONS],
  ["-3 days < 0 days", p, true, NEGATIVE],
  ["-3 days = 0 days - 3 days", p, true, NEGATIVE],
  ["now + -3 days = now - 3 days", p, true, NEGATIVE],
  ["now - -3 days = now + 3 days", p, true, NEGATIVE],
  ["-(3 days) = -3 days", p, true, NEGATIVE],
  ["- -3 days = 3 days", p, true, NEGATIVE],

  // Every other combination is missing.
  ['("a" + "b") is null', p, true, OTHER],
  ['"a" + "b" = "ab"', p, false, OTHER],
  ["(s + s) is null", p, true, OTHER],
  ['("a" - "b") is null', p, true, OTHER],
  ['("a" * 2) is null', p, true, OTHER],
  ['("1" + 1) is null', p, true, OTHER],
  ['(1 + "1") is null', p, true, OTHER],
  ["(1 + 1 day) is null", p, true, OTHER],
  ["(1 day + 1) is null", p, true, OTHER],
  ["(1 day - 1) is null", p, true, OTHER],
  ["(now + 1) is null", p, true, OTHER],
  ["(now - 1) is null", p, true, OTHER],
  ["(1 + now) is null", p, true, OTHER],
  ["(now + now) is null", p, true, OTHER],
  ["(1 day - now) is null", p, true, OTHER],
  ["(2 * 1 day) is null", p, true, OTHER],
  ["(1 day * 2) is null", p, true, OTHER],
  ["(1 day / 2) is null", p, true, OTHER],
  ["(1 day / 1 day) is null", p, true, OTHER],
  ["(now * 2) is null", p, true, OTHER],
  ["(now / now) is null", p, true, OTHER],
  ["(-now) is null", p, true, OTHER],
  ['(-"a") is null', p, true, OTHER],
  ["(-s) is null", p, true, OTHER],
  ["(t + 1) is null", p, true, OTHER],
  ["(-t) is null", p, true, OTHER],
  ["(o + 1) is null", p, true, OTHER],
  ["(l + 1) is null", p, true, OTHER],
  ["(-l) is null", p, true, OTHER],
  ["(n + 1) is null", p, true, `${OTHER} (missing stays missing)`],
  ["(m - 1) is null", p, true, `${OTHER} (missing stays missing)`],
  ["(-m) is null", p, true, `${OTHER} (missing stays missing)`],
  ['(d + "2026-01-02") is null', p, true, OTHER],
  ["(d - d) is null", p, true, `${OTHER} (two strings are not instants)`],
  ['d + 1 day = date("2026-01-02")', p, true, "a string used in +/- with a duration is parsed as an instant"],
  ["(d * 2) is null", p, true, OTHER],
  ['(1 day + "soon") is null', p, true, OTHER],
];

describe("Meaning: Arithmetic", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
