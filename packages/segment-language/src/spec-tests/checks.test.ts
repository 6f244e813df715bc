/** docs/segment-language.md, "Checks": what the checker knows and rejects before anything runs. */
import { describe, expect, it } from "vitest";
import {
  ago,
  attrs,
  type Case,
  cases,
  checkCase,
  checkErrorCase,
  DAY,
  type ErrorRow,
  errorCases,
  errorsOf,
  ev,
  evts,
  membership,
  type Row,
  specProfile,
} from "./fixtures.js";

const NON_BOOL = "It rejects a known non-boolean where a boolean is needed (a definition)";
const NON_BOOL_OP = "It rejects a known non-boolean where a boolean is needed (an operand of and/or/not)";
const NON_BOOL_WHERE = "It rejects a known non-boolean where a boolean is needed (a where filter)";
const BOOL_USED =
  "It rejects a known boolean used with <, <=, >, >=, between, not between, within last, contains, starts with, ends with, +, -, *, / or unary -";
const SEQ_WITHIN = "It rejects within after a sequence(…) other than within plus a duration";
const NESTED =
  "It rejects an event set or aggregate (exists, count, sequence, sum, avg, min, max) inside an event filter";
const OUTSIDE = "It rejects type/timestamp outside an event filter";
const UNKNOWN_FN = "It rejects unknown functions";
const ARG_COUNT = "It rejects wrong argument counts";
const BAD_DATE = "It rejects date() of a string that is not a valid date";
const UNKNOWN_ID = "It rejects inSegment of an unknown id";
const EMPTY = "It rejects empty definitions";
const PATH_BOOL =
  "A path in a boolean position is allowed and is true exactly when its value is the boolean true";
const KNOWS = "The checker knows the type of every form except paths";

/** Every form whose type the checker knows to be something other than boolean. */
const nonBooleans: [string, number][] = [
  ["1", 1],
  ['"yes"', 1],
  ["now", 1],
  ['date("2026-01-01")', 1],
  ["3 days", 1],
  ["[true]", 1],
  ["count(events)", 1],
  ["length(x)", 1],
  ["abs(x)", 1],
  ["daysSince(x)", 1],
  ["yearsSince(x)", 1],
  ['lower("A")', 1],
  ["sum(events.v)", 1],
  ["avg(events.v)", 1],
  ["min(events.v)", 1],
  ["max(events.timestamp)", 1],
  ["1 + 2", 1],
  ["-1", 1],
];

/** Every form whose type the checker knows to be boolean. */
const booleans = [
  "true",
  "(x = 1)",
  "exists(events)",
  "sequence(events, events)",
  'inSegment("b")',
  "(x is null)",
];
const other = { id: "b", definition: "true" };
const withB = (definition: string) => [{ id: "s", definition }, other];

const errors: ErrorRow[] = [
  ...nonBooleans.map(([form, col]): ErrorRow => [form, { at: `1:${col}` }, `${NON_BOOL}; ${KNOWS}: ${form}`]),
  ...nonBooleans.map(([form]): ErrorRow => [`(${form})`, { at: ["1:1", "1:2"] }, `${NON_BOOL}: ${form}`]),
  ["flag and 1", { at: "1:10" }, NON_BOOL_OP],
  ["1 or flag", { at: "1:1" }, NON_BOOL_OP],
  ['flag and "x" and flag', { at: "1:10" }, NON_BOOL_OP],
  ["not 5", { at: "1:5" }, NON_BOOL_OP],
  ["not now", { at: "1:5" }, NON_BOOL_OP],
  ["not count(events)", { at: "1:5" }, NON_BOOL_OP],
  ["exists(events where 1)", { at: "1:21" }, NON_BOOL_WHERE],
  ['count(events where "x") > 0', { at: "1:20" }, NON_BOOL_WHERE],
  ["sum(events.v where 5) > 0", { at: "1:20" }, NON_BOOL_WHERE],
  ["sequence(events where now, events)", { at: "1:23" }, NON_BOOL_WHERE],

  // A known boolean with an operator that needs a value.
  ["true < 1", { at: ["1:1", "1:6"] }, `${BOOL_USED} (<)`],
  ["1 <= (x = 1)", { at: ["1:6", "1:7", "1:3"] }, `${BOOL_USED} (<=)`],
  ["exists(events) > 0", { at: ["1:1", "1:16"] }, `${BOOL_USED} (>)`],
  [withB('inSegment("b") >= 1'), { at: ["1:1", "1:16"] }, `${BOOL_USED} (>=)`],
  ["true between 1 and 2", { at: ["1:1", "1:6"] }, `${BOOL_USED} (between)`],
  ["x between false and 2", { at: ["1:11", "1:3"] }, `${BOOL_USED} (between, a bound)`],
  ["x between 1 and true", { at: ["1:17", "1:3"] }, `${BOOL_USED} (between, a bound)`],
  ["(x = 1) not between 1 and 2", { at: ["1:1", "1:2", "1:9"] }, `${BOOL_USED} (not between)`],
  ["(x = 1) within last 3 days", { at: ["1:1", "1:2", "1:9"] }, `${BOOL_USED} (within last)`],
  ["exists(events) within last 3 days", { at: ["1:1", "1:16"] }, `${BOOL_USED} (within last)`],
  ['true contains "a"', { at: ["1:1", "1:6"] }, `${BOOL_USED} (contains)`],
  ['(x = 1) starts with "a"', { at: ["1:1", "1:2", "1:9"] }, `${BOOL_USED} (starts with)`],
  ["x starts with true", { at: ["1:15", "1:3"] }, `${BOOL_USED} (starts with)`],
  ['(x = 1) ends with "a"', { at: ["1:1", "1:2", "1:9"] }, `${BOOL_USED} (ends with)`],
  ["x ends with false", { at: ["1:13", "1:3"] }, `${BOOL_USED} (ends with)`],
  ["true + 1 > 0", { at: ["1:1", "1:6"] }, `${BOOL_USED} (+)`],
  ["1 - false > 0", { at: ["1:5", "1:3"] }, `${BOOL_USED} (-)`],
  ["sequence(events, events) * 2 > 0", { at: ["1:1", "1:26"] }, `${BOOL_USED} (*)`],
  ["2 / (x = 1) > 0", { at: ["1:5", "1:6", "1:3"] }, `${BOOL_USED} (/)`],
  ["-true = 1", { at: ["1:1", "1:2"] }, `${BOOL_USED} (unary -)`],
  ["-exists(events) = 1", { at: ["1:1", "1:2"] }, `${BOOL_USED} (unary -)`],

  // within after a sequence.
  ["sequence(events, events) within 3", { at: ["1:33", "1:34", "1:26"] }, SEQ_WITHIN],
  ["sequence(events, events) within x", { at: ["1:33", "1:26"] }, SEQ_WITHIN],
  ["sequence(events, events) within now", { at: ["1:33", "1:26"] }, SEQ_WITHIN],
  ["sequence(events, events) within last 3 days", { at: ["1:33", "1:26", "1:1"] }, SEQ_WITHIN],

  // Event sets and aggregates inside an event filter.
  ["exists(events where exists(events))", { at: "1:21" }, NESTED],
  ["exists(events where count(events) > 1)", { at: "1:21" }, NESTED],
  ["exists(events where sequence(events, events))", { at: "1:21" }, NESTED],
  ["exists(events where sum(events.v) > 1)", { at: "1:21" }, NESTED],
  ["exists(events where avg(events.v) > 1)", { at: "1:21" }, NESTED],
  ["exists(events where min(events.v) > 1)", { at: "1:21" }, NESTED],
  ["exists(events where max(events.timestamp) > now)", { at: "1:21" }, NESTED],
  ["count(events where not exists(events)) > 0", { at: "1:24" }, NESTED],
  ["sum(events.v where exists(events)) > 0", { at: "1:20" }, NESTED],
  ["sequence(events where exists(events), events)", { at: "1:23" }, NESTED],
  ["sequence(events, events where count(events) = 1)", { at: "1:31" }, NESTED],

  // type / timestamp outside an event filter.
  ['type = "x"', { at: "1:1" }, OUTSIDE],
  ["timestamp < now", { at: "1:1" }, OUTSIDE],
  ['exists(events) and type = "x"', { at: "1:20" }, OUTSIDE],
  ['count(events where type = "x") = type', { at: "1:34" }, OUTSIDE],

  // Functions.
  ["foo(x) = 1", { at: "1:1", reason: ["foo"] }, UNKNOWN_FN],
  ['trim(x) = "a"', { at: "1:1", reason: ["trim"] }, UNKNOWN_FN],
  ["round(1.5) = 2", { at: "1:1", reason: ["round"] }, UNKNOWN_FN],
  ["exists(events where foo(x) = 1)", { at: "1:21", reason: ["foo"] }, UNKNOWN_FN],
  ['lower() = "a"', { at: ["1:1", "1:7"] }, ARG_COUNT],
  ['lower(x, y) = "a"', { at: ["1:1", "1:8", "1:10"] }, ARG_COUNT],
  ["abs(1, 2) = 1", { at: ["1:1", "1:6", "1:8"] }, ARG_COUNT],
  ["daysSince() > 1", { at: ["1:1", "1:11"] }, ARG_COUNT],
  ["yearsSince(x, now) > 1", { at: ["1:1", "1:13", "1:15"] }, ARG_COUNT],
  ["length() = 0", { at: ["1:1", "1:8"] }, ARG_COUNT],
  ["upper(x, y, z) = 1", { at: ["1:1", "1:8", "1:10"] }, ARG_COUNT],
  ["date() < now", { at: ["1:1", "1:6"] }, ARG_COUNT],
  ['date("2026-01-01", "x") < now', { at: ["1:1", "1:18", "1:20"] }, ARG_COUNT],
  ["inSegment()", { at: ["1:1", "1:11"] }, ARG_COUNT],
  [withB('inSegment("b", "c")'), { at: ["1:1", "1:14", "1:16"] }, ARG_COUNT],
  ["exists()", { at: ["1:1", "1:8"] }, ARG_COUNT],
  ["exists(events, events)", { at: ["1:1", "1:14", "1:16"] }, ARG_COUNT],
  ["count(events, events) = 1", { at: ["1:1", "1:13", "1:15"] }, ARG_COUNT],
  ["sum(events.a, events.b) = 1", { at: ["1:1", "1:13", "1:15"] }, ARG_COUNT],
  ["sequence() within 1 day", { at: ["1:1", "1:10"] }, ARG_COUNT],

  // date() of an invalid date.
  ['date("2026-02-30") < now', { at: ["1:1", "1:6"] }, BAD_DATE],
  ['date("yesterday") < now', { at: ["1:1", "1:6"] }, BAD_DATE],
  ['date("") < now', { at: ["1:1", "1:6"] }, BAD_DATE],
  ['x = 1 and date("2026-13-01") < now', { at: ["1:11", "1:16"] }, BAD_DATE],

  // inSegment.
  ['inSegment("nope")', { at: ["1:1", "1:11"], reason: ["nope"] }, UNKNOWN_ID],
  ['x = 1 or inSegment("nope")', { at: ["1:10", "1:20"], reason: ["nope"] }, UNKNOWN_ID],
  ['exists(events where inSegment("nope"))', { at: ["1:21", "1:31"], reason: ["nope"] }, UNKNOWN_ID],
  ['inSegment("s")', { at: ["1:1", "1:11"] }, "It rejects inSegment in a cycle (a segment reading itself)"],

  // Empty definitions and duplicate ids.
  ["", { at: "1:1" }, EMPTY],
  ["   ", {}, EMPTY],
  ["\n\n", {}, EMPTY],
  ["# only a comment", {}, EMPTY],
  ["# one\n# two\n", {}, EMPTY],
  ["()", { at: "1:2" }, "primary: ( expr ), the expr is required"],
  [
    [
      { id: "dup", definition: "true" },
      { id: "dup", definition: "false" },
    ],
    { id: "dup", reason: ["dup"] },
    "It rejects duplicate segment ids",
  ],
  [
    [
      { id: "a", definition: "true" },
      { id: "dup", definition: "true" },
      { id: "dup", definition: "true" },
      { id: "dup", definition: "true" },
    ],
    { id: "dup", reason: ["dup"] },
    "It rejects duplicate segment ids",
  ],
];

describe("Types and checks: rejected before anything runs", () => {
  it.each(errorCases(errors))("$name", (c) => {
    checkErrorCase(c);
  });
});

describe("Types and checks: every boolean form is a boolean", () => {
  it.each(booleans)("%s is accepted with and, or and not, and where a definition is needed", (form) => {
    const defs = [
      { id: "s", definition: `(${form} or not ${form}) and not (${form} and not ${form})` },
      other,
    ];
    expect(errorsOf(defs)).toEqual([]);
    expect(membership(defs, attrs({ x: 1 })).s).toBe(true);
  });
});

const accepted: Row[] = [
  // Paths are not known: they may be anything at run time.
  ["flag", attrs({ flag: true }), true, PATH_BOOL],
  ["flag", attrs({ flag: false }), false, PATH_BOOL],
  ["flag", attrs({ flag: "true" }), false, PATH_BOOL],
  ["flag", attrs({ flag: 1 }), false, PATH_BOOL],
  ["flag", attrs({ flag: [true] }), false, PATH_BOOL],
  ["flag", attrs({ flag: { value: true } }), false, PATH_BOOL],
  ["flag", attrs({}), false, PATH_BOOL],
  ["flag", attrs({ flag: null }), false, PATH_BOOL],
  ["not flag", attrs({}), true, `${PATH_BOOL}; prefix not negates a boolean result`],
  ["not flag", attrs({ flag: "yes" }), true, PATH_BOOL],
  ["not flag", attrs({ flag: true }), false, PATH_BOOL],
  ["flag and other", attrs({ flag: true, other: true }), true, PATH_BOOL],
  ["flag or other", attrs({ flag: 1, other: "x" }), false, PATH_BOOL],
  ["(flag)", attrs({ flag: true }), true, PATH_BOOL],
  [
    "exists(events where premium)",
    evts([ev("v", ago(DAY), { premium: true })]),
    true,
    `${PATH_BOOL} (a where filter)`,
  ],
  ["exists(events where premium)", evts([ev("v", ago(DAY), { premium: "true" })]), false, PATH_BOOL],
  [
    "x < 1",
    attrs({ x: true }),
    false,
    "paths are known only at run time: a boolean in a path is not rejected",
  ],
  ["x + 1 is null", attrs({ x: true }), true, "paths are known only at run time"],
  ["-x is null", attrs({ x: "a" }), true, "paths are known only at run time"],
  // Booleans with the forms that do accept them.
  ["true = true", specProfile, true, "booleans only with =/!= (allowed)"],
  ["true != false", specProfile, true, "booleans only with =/!= (allowed)"],
  ["(x = 1) = false", attrs({ x: 2 }), true, "booleans only with =/!= (allowed)"],
  ["true in [false, true]", specProfile, true, "in is = a or = b (allowed for booleans)"],
  ["(x = 1) not in [true]", attrs({ x: 2 }), true, "not in is not (… in …) (allowed for booleans)"],
  ["exists(events) is not null", specProfile, true, "is null takes any value"],
  ["sequence(events, events) within 1 day or true", specProfile, true, SEQ_WITHIN],
];

describe("Types and checks: accepted", () => {
  it.each(cases(accepted))("$name", (c: Case) => checkCase(c));
});
