/** docs/segment-language.md, "Syntax", the grammar: every production, precedence, and `x = null`. */
import { describe, it } from "vitest";
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
  ev,
  evts,
  type Row,
  specProfile,
} from "./fixtures.js";

const OR = 'or := and ("or" and)*';
const AND = 'and := not ("and" not)*';
const NOT = 'not := "not" not | compare';
const COMPARE = "compare := sum compareTail?";
const TAIL = "compareTail";
const SUM = 'sum := product (("+" | "-") product)*';
const PRODUCT = 'product := unary (("*" | "/") unary)*';
const UNARY = 'unary := "-" unary | primary';
const PRIMARY = "primary";
const DURATION = "duration := NUMBER (minute | minutes | hour | hours | day | days | week | weeks)";
const LIST = 'list := "[" (expr ("," expr)*)? "]"';
const PATH = 'path := IDENT ("." IDENT)*';
const LADDER = "One precedence ladder serves booleans and values alike";

const seq = evts([ev("a", ago(3 * DAY)), ev("b", ago(2 * DAY)), ev("c", ago(DAY))]);

const rows: Row[] = [
  // or / and / not.
  ["true or false", specProfile, true, OR],
  ["false or false or true", specProfile, true, OR],
  ["false or false", specProfile, false, OR],
  ["true and true and true", specProfile, true, AND],
  ["true and false", specProfile, false, AND],
  ["true or true and false", specProfile, true, `${OR}; ${AND}: and binds tighter than or`],
  ["false and true or true", specProfile, true, `${OR}; ${AND}: and binds tighter than or`],
  ["(true or true) and false", specProfile, false, PRIMARY],
  ["not false", specProfile, true, NOT],
  ["not not true", specProfile, true, NOT],
  ["not true or true", specProfile, true, `${NOT}: not binds tighter than or`],
  ["not true and false", specProfile, false, `${NOT}: not binds tighter than and`],
  ["not (true and false)", specProfile, true, NOT],
  ["not x = 1", attrs({ x: 2 }), true, `${NOT}: not applies to the whole comparison`],
  ["not x = 1", attrs({ x: 1 }), false, `${NOT}: not applies to the whole comparison`],
  ["not x = 1", attrs({}), true, `${NOT}: not applies to the whole comparison`],

  // compareTail: every form.
  ["x = 1", attrs({ x: 1 }), true, TAIL],
  ["x != 1", attrs({ x: 2 }), true, TAIL],
  ["x < 2", attrs({ x: 1 }), true, TAIL],
  ["x <= 1", attrs({ x: 1 }), true, TAIL],
  ["x > 0", attrs({ x: 1 }), true, TAIL],
  ["x >= 1", attrs({ x: 1 }), true, TAIL],
  ["x in [1, 2]", attrs({ x: 2 }), true, TAIL],
  ["x not in [1, 2]", attrs({ x: 3 }), true, TAIL],
  ["x between 1 and 3", attrs({ x: 2 }), true, TAIL],
  ["x not between 1 and 3", attrs({ x: 4 }), true, TAIL],
  ['x contains "b"', attrs({ x: "abc" }), true, TAIL],
  ['x starts with "a"', attrs({ x: "abc" }), true, TAIL],
  ['x ends with "c"', attrs({ x: "abc" }), true, TAIL],
  ["x is null", attrs({}), true, TAIL],
  ["x is not null", attrs({ x: 0 }), true, TAIL],
  ["x within last 2 days", attrs({ x: ago(DAY) }), true, TAIL],
  ["x between 1 and 3 and true", attrs({ x: 2 }), true, `${TAIL}: between's and binds first`],
  ["x between 1 and 3 and false", attrs({ x: 2 }), false, `${TAIL}: between's and binds first`],
  ["x between 1 + 1 and 2 * 2", attrs({ x: 4 }), true, `${TAIL}: bounds are sums`],
  ["x in [1 + 1, 3]", attrs({ x: 2 }), true, `${LIST}: elements are exprs`],
  ["x in [x]", attrs({ x: 2 }), true, `${LIST}: elements are exprs`],
  ["x in []", attrs({ x: 2 }), false, `${LIST}: may be empty`],
  ["x = 1 + 1", attrs({ x: 2 }), true, `${COMPARE}: sums on both sides`],
  ["x + 1 = 3", attrs({ x: 2 }), true, `${COMPARE}: sums on both sides`],
  ["x = (1 = 1)", attrs({ x: true }), true, `${LADDER}: a parenthesized comparison is a value`],
  ["(x = 1) = (y = 1)", attrs({ x: 2, y: 3 }), true, LADDER],
  ["(x = 1) != true", attrs({ x: 2 }), true, LADDER],

  // Arithmetic precedence.
  ["1 + 2 * 3 = 7", specProfile, true, `${SUM}; ${PRODUCT}: * binds tighter`],
  ["(1 + 2) * 3 = 9", specProfile, true, PRIMARY],
  ["10 - 2 - 3 = 5", specProfile, true, `${SUM}: left to right`],
  ["12 / 2 / 3 = 2", specProfile, true, `${PRODUCT}: left to right`],
  ["2 * 3 / 6 = 1", specProfile, true, PRODUCT],
  ["-2 * 3 = -6", specProfile, true, UNARY],
  ["2 * -3 = -6", specProfile, true, UNARY],
  ["- -2 = 2", specProfile, true, UNARY],
  ["-(1 + 2) = -3", specProfile, true, UNARY],
  ["-x = -2", attrs({ x: 2 }), true, UNARY],
  ["1 - 2 + 3 = 2", specProfile, true, `${SUM}: left to right`],

  // Primaries.
  ["true", specProfile, true, PRIMARY],
  ["false", specProfile, false, PRIMARY],
  ['now = date("2026-11-29T12:00:00Z")', specProfile, true, PRIMARY],
  ['date("2026-01-01") < now', specProfile, true, PRIMARY],
  ["1 day = 24 hours", specProfile, true, DURATION],
  ["1 week = 7 days", specProfile, true, DURATION],
  ["60 minutes = 1 hour", specProfile, true, DURATION],
  ["1 minute = 1 minutes", specProfile, true, DURATION],
  ["2 weeks = 14 day", specProfile, true, DURATION],
  ["1.5 days = 36 hours", specProfile, true, DURATION],
  ["0 days = 0 minutes", specProfile, true, DURATION],
  ["(((x = 1)))", attrs({ x: 1 }), true, PRIMARY],
  ["flag", attrs({ flag: true }), true, `${PRIMARY}: path`],
  ['loyalty.tier = "gold"', specProfile, true, PATH],
  ["exists(events)", specProfile, true, PRIMARY],
  ["exists(events)", attrs({}), false, PRIMARY],
  ['exists(events where type = "search")', specProfile, true, PRIMARY],
  ["count(events) = 1", specProfile, true, PRIMARY],
  ['count(events where type = "x") = 0', specProfile, true, PRIMARY],
  ["sequence(events, events)", seq, true, PRIMARY],
  ['sequence(events where type = "a", events where type = "b", events where type = "c")', seq, true, PRIMARY],
  ['sequence(events where type = "a", events where type = "c") within 2 days', seq, true, PRIMARY],
  ["sum(events.v) = 0", seq, true, PRIMARY],
  ['sum(events.v where type = "a") = 0', seq, true, PRIMARY],
  ['avg(events.v where type = "a") is null', seq, true, PRIMARY],
  ["min(events.timestamp) < max(events.timestamp)", seq, true, PRIMARY],
  ['lower("A") = "a" and upper("a") = "A" and length("ab") = 2 and abs(-1) = 1', specProfile, true, PRIMARY],
  ["daysSince(birthDate) > 1 and yearsSince(birthDate) > 1", specProfile, true, PRIMARY],
  ["daysSince(now - 2 days) = 2", specProfile, true, `${PRIMARY}: function arguments are exprs`],
  ["length([1, 2, 3]) = 3", specProfile, true, `${PRIMARY}: a list is a value`],
  ["x in [1, x = 1]", attrs({ x: 1 }), true, `${LIST}: elements are exprs`],
];

describe("Grammar", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});

const NULL_RULE = "There is no null literal: x = null is a syntax error whose message says so";

const errors: ErrorRow[] = [
  // x = null.
  ["x = null", { at: "1:5", reason: ["is null"] }, NULL_RULE],
  ["x != null", { at: "1:6", reason: ["is null"] }, NULL_RULE],
  ['country = "US" and\nemail = null', { at: "2:9", reason: ["is null"] }, NULL_RULE],
  ["x = NULL", { at: "1:5", reason: ["is null"] }, `${NULL_RULE} (keywords are case-insensitive)`],

  // No chaining: compareTail is optional and single.
  ["1 < 2 < 3", { at: "1:7" }, `${COMPARE}: one compareTail`],
  ["x = 1 = 1", { at: "1:7" }, `${COMPARE}: one compareTail`],
  ["x is null is null", { at: "1:11" }, `${COMPARE}: one compareTail`],
  ["x = 1 y", { at: "1:7" }, "a definition is one expr"],
  ["x = 1)", { at: "1:6" }, "a definition is one expr"],
  ["(x = 1", { at: "1:7" }, `${PRIMARY}: "(" expr ")"`],
  ["x = 1 and", { at: "1:10" }, AND],
  ["x = 1 or", { at: "1:9" }, OR],
  ["not", { at: "1:4" }, NOT],
  ["x >=", { at: "1:5" }, TAIL],
  ["x in (1, 2)", { at: "1:6" }, `${TAIL}: in takes a list`],
  ["x in y", { at: "1:6" }, `${TAIL}: in takes a list`],
  ["x in [1, 2", { at: "1:11" }, LIST],
  ["x in [1,]", { at: "1:9" }, LIST],
  ["x in [,1]", { at: "1:7" }, LIST],
  ["x between 1", { at: "1:12" }, TAIL],
  ["x between 1 or 2", { at: "1:13" }, TAIL],
  ['x starts "a"', { at: "1:10" }, `${TAIL}: starts with`],
  ['x ends "a"', { at: "1:8" }, `${TAIL}: ends with`],
  ["x is not", { at: "1:9" }, TAIL],
  ["x is 1", { at: "1:6" }, TAIL],
  ["x not = 1", { at: "1:7" }, `${TAIL}: not only before in / between`],
  ["x within last 3", { at: "1:16" }, `${DURATION}: a unit is required`],
  ["x within last days", { at: "1:15" }, `${DURATION}: a number is required`],
  ["x within last 3 fortnights", { at: "1:17" }, `${DURATION}: known units only`],
  ["x within last -3 days", { at: "1:15" }, `${DURATION}: NUMBER has no sign`],
  ["x within 3 days", { at: "1:10" }, `${TAIL}: within last`],
  ["x * * 2", { at: "1:5" }, PRODUCT],
  ["x + = 2", { at: "1:5" }, SUM],
  ["date(x) < now", { at: "1:6" }, `${PRIMARY}: date takes a STRING`],
  ['date("2026-01-01" + "") < now', { at: "1:19" }, `${PRIMARY}: date takes a STRING`],
  ["inSegment(x)", { at: "1:11" }, `${PRIMARY}: inSegment takes a STRING`],
  ["exists(x = 1)", { at: "1:8" }, "eventSet := events (where expr)?"],
  ["count(x) = 1", { at: "1:7" }, "eventSet := events (where expr)?"],
  ["exists(events where)", { at: "1:20" }, "eventSet := events (where expr)?"],
  [
    'sequence(events where type = "a")',
    { at: ["1:33", "1:1"] },
    `${PRIMARY}: sequence takes two event sets or more`,
  ],
  ["sum(events) > 1", { at: "1:11" }, `${PRIMARY}: sum takes events.path`],
  ["sum(revenue) > 1", { at: "1:5" }, `${PRIMARY}: sum takes events.path`],
  ["sum(events.) > 1", { at: "1:12" }, PATH],
  ["x. = 1", { at: "1:4" }, PATH],
  ["x.y. = 1", { at: "1:6" }, PATH],
  ["[true]", { at: "1:1" }, "a list is not a boolean (Types and checks)"],
  ["x = [1, 2", { at: "1:10" }, LIST],
  ["lower(x", { at: "1:8" }, PRIMARY],
  ["", { at: "1:1" }, "empty definitions are rejected"],
];

describe("Grammar: rejected definitions", () => {
  it.each(errorCases(errors))("$name", (c) => {
    checkErrorCase(c);
  });
});
