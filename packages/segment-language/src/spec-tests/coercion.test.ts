/** docs/segment-language.md, "No coercion": types never mix; strings order by code point. */
import { describe, it } from "vitest";
import { ago, attrs, type Case, cases, checkCase, DAY, type Row, specProfile } from "./fixtures.js";

const NEVER = "Values of different types are never equal and never ordered";
const EXAMPLE = '"5" = 5 and "abc" < 3 are false, and "5" != 5 is true (both present, not equal)';
const NUMBERS = "Numbers compare as numbers";
const CODE_POINT = "strings by Unicode code point (not UTF-16 units)";
const BOOLEANS = "booleans only with =/!= (a path holding true compared with < 1 is false)";
const INSTANTS = "instants with instants";
const DURATIONS = "durations with durations";
const OBJECTS = "Objects, and arrays or lists on the right of =, equal nothing (so != with one is true)";

const p = attrs({
  s5: "5",
  n5: 5,
  t: true,
  f: false,
  abc: "abc",
  obj: { a: 1 },
  obj2: { a: 1 },
  empty: {},
  list: [1, 2],
  d: "2026-01-01",
  signup: new Date("2026-01-01T00:00:00Z"),
  high: "\uFFFF",
  smile: "😀",
});

const rows: Row[] = [
  // The spec's examples.
  ['"5" = 5', specProfile, false, EXAMPLE],
  ['"5" != 5', specProfile, true, EXAMPLE],
  ['"abc" < 3', specProfile, false, EXAMPLE],
  ["s5 = 5", p, false, EXAMPLE],
  ["s5 != 5", p, true, EXAMPLE],
  ['n5 = "5"', p, false, EXAMPLE],
  ['n5 != "5"', p, true, EXAMPLE],
  ["s5 = n5", p, false, EXAMPLE],
  ["abc < 3", p, false, EXAMPLE],

  // Never ordered, whichever operator.
  ['"abc" > 3', specProfile, false, NEVER],
  ['"abc" <= 3', specProfile, false, NEVER],
  ['"abc" >= 3', specProfile, false, NEVER],
  ['"5" < 6', specProfile, false, NEVER],
  ['"5" >= 5', specProfile, false, NEVER],
  ['5 > "4"', specProfile, false, NEVER],
  ["s5 between 1 and 9", p, false, NEVER],
  ['n5 between "1" and "9"', p, false, NEVER],
  ['5 between "1" and 10', specProfile, false, NEVER],
  ['"5" in [5]', specProfile, false, NEVER],
  ['5 in ["5"]', specProfile, false, NEVER],
  ["now > 1", specProfile, false, NEVER],
  ["now != 1", specProfile, true, NEVER],
  ["3 days > 2", specProfile, false, NEVER],
  ["3 days = 259200000", specProfile, false, NEVER],
  ["3 days != 259200000", specProfile, true, NEVER],
  ["now > 3 days", specProfile, false, NEVER],
  ["now != 3 days", specProfile, true, NEVER],
  ["10 > [1, 2]", specProfile, false, NEVER],
  ["list < 10", p, true, "(an array on the left: some element, see Arrays)"],
  ['123 starts with "1"', specProfile, false, NEVER],
  ['123 ends with "3"', specProfile, false, NEVER],
  ['"123" starts with 1', specProfile, false, NEVER],

  // Numbers.
  ["2 < 10", specProfile, true, NUMBERS],
  ["-1 < 0", specProfile, true, NUMBERS],
  ["1.5 > 1.25", specProfile, true, NUMBERS],
  ["n5 = 5.0", p, true, NUMBERS],
  ['"10" < "9"', specProfile, true, `${NUMBERS}; two strings compare as strings`],

  // Strings by code point.
  ['"a" < "b"', specProfile, true, CODE_POINT],
  ['"B" < "a"', specProfile, true, CODE_POINT],
  ['"Z" < "a"', specProfile, true, CODE_POINT],
  ['"ab" < "abc"', specProfile, true, CODE_POINT],
  ['"abc" < "abd"', specProfile, true, CODE_POINT],
  ['"é" > "z"', specProfile, true, CODE_POINT],
  [String.raw`"\uFFFF" < "😀"`, specProfile, true, CODE_POINT],
  [String.raw`"😀" > "\uFFFF"`, specProfile, true, CODE_POINT],
  [String.raw`"\uFFFF" > "😀"`, specProfile, false, CODE_POINT],
  [String.raw`"\uFFFF" >= "😀"`, specProfile, false, CODE_POINT],
  [String.raw`"😀" <= "\uFFFF"`, specProfile, false, CODE_POINT],
  [String.raw`"\uFF61" < "😀"`, specProfile, true, CODE_POINT],
  ["high < smile", p, true, CODE_POINT],
  ["smile > high", p, true, CODE_POINT],
  [String.raw`smile between "\uE000" and "\uDBFF\uDFFF"`, p, true, CODE_POINT],
  ['high between "a" and "😀"', p, true, CODE_POINT],
  ['high not between "a" and "😀"', p, false, CODE_POINT],
  ['"a" = "a"', specProfile, true, CODE_POINT],
  ['"a" != "A"', specProfile, true, CODE_POINT],

  // Booleans.
  ["t < 1", p, false, BOOLEANS],
  ["t > 0", p, false, BOOLEANS],
  ["t <= 1", p, false, BOOLEANS],
  ["t >= 1", p, false, BOOLEANS],
  ["t > f", p, false, BOOLEANS],
  ["f < t", p, false, BOOLEANS],
  ["t between f and t", p, false, BOOLEANS],
  ["t = 1", p, false, BOOLEANS],
  ["t != 1", p, true, BOOLEANS],
  ['t = "true"', p, false, BOOLEANS],
  ["t = true", p, true, BOOLEANS],
  ["f = false", p, true, BOOLEANS],
  ["t != f", p, true, BOOLEANS],
  ["f = 0", p, false, BOOLEANS],
  ["t in [1, true]", p, true, BOOLEANS],

  // Instants with instants.
  ['now > date("2026-01-01")', specProfile, true, INSTANTS],
  ['date("2026-01-01") = date("2026-01-01")', specProfile, true, INSTANTS],
  ['signup = date("2026-01-01")', p, true, `${INSTANTS} (a BSON date is an instant)`],
  ["signup < now", p, true, INSTANTS],
  ["signup = 1767225600000", p, false, NEVER],
  ["signup = d", p, true, `${INSTANTS}: a string compared with an instant is parsed`],
  ['d = "2026-01-01"', p, true, "Two strings compare as strings"],
  ['d = "2026-01-01T00:00:00Z"', p, false, "Two strings compare as strings"],

  // Durations with durations.
  ["3 days > 2 days", specProfile, true, DURATIONS],
  ["1 day = 24 hours", specProfile, true, DURATIONS],
  ["90 minutes < 2 hours", specProfile, true, DURATIONS],
  ["now - signup > 300 days", p, true, DURATIONS],
  ["1 day between 1 hour and 1 week", specProfile, true, DURATIONS],
  ["1 day in [24 hours]", specProfile, true, DURATIONS],

  // Objects and arrays equal nothing.
  ["obj = obj", p, false, OBJECTS],
  ["obj != obj", p, true, OBJECTS],
  ["obj = obj2", p, false, OBJECTS],
  ["obj != obj2", p, true, OBJECTS],
  ["empty = empty", p, false, OBJECTS],
  ['obj != "x"', p, true, OBJECTS],
  ["obj in [obj]", p, false, OBJECTS],
  ["obj not in [obj]", p, true, OBJECTS],
  ["obj < obj", p, false, NEVER],
  ["obj > 1", p, false, NEVER],
  ["loyalty = loyalty", specProfile, false, OBJECTS],
  ["loyalty != loyalty", specProfile, true, OBJECTS],
  ['"gold" = loyalty', specProfile, false, OBJECTS],
  ['"gold" != loyalty', specProfile, true, OBJECTS],
  ["1 = [1]", specProfile, false, OBJECTS],
  ["1 != [1]", specProfile, true, OBJECTS],
  ["n5 = [5]", p, false, OBJECTS],
  ["n5 != [5]", p, true, OBJECTS],
  ["n5 = list", p, false, OBJECTS],
  ["n5 != list", p, true, OBJECTS],
  ['"runner" = tags', specProfile, false, OBJECTS],
  ['"runner" != tags', specProfile, true, OBJECTS],
  ["[1] = [1]", specProfile, false, OBJECTS],
  ["[] = []", specProfile, false, OBJECTS],
  ["list = [1, 2]", p, false, OBJECTS],
  ["list = list", p, false, OBJECTS],
  ["list != list", p, true, OBJECTS],
  ["n5 in [list]", p, false, `${OBJECTS}; in is = a or = b`],
  ["d within last 1000 days", p, true, INSTANTS],
  ["n5 within last 1000 days", p, false, `${NEVER} (within last compares with instants)`],
  ["signup within last 1000 days", p, true, INSTANTS],
  ["d + 1 day > signup", p, true, INSTANTS],
  ["ago > now", attrs({ ago: ago(DAY) }), false, INSTANTS],
];

describe("Meaning: No coercion", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
