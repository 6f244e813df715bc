/** docs/segment-language.md, "Syntax", lexical rules: whitespace, comments, numbers, strings, words, positions. */
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

const WS = "Whitespace and comments separate tokens and are otherwise ignored";
const COMMENT = "comments (# to the end of the line, outside strings and backticks)";
const LONE_CR = "LF and CRLF are line breaks (a lone CR is whitespace)";
const NUMBER = "NUMBER: [0-9]+(\\.[0-9]+)? (no exponent, no sign: - is the unary operator)";
const IEEE = "Numbers are IEEE doubles, so 1 = 1.0";
const STRING = "STRING: a JSON string (double quotes, JSON's escapes, no raw control characters)";
const KW_CASE = "Keywords and function names are case-insensitive (AND, Count()";
const PATH_CASE = "paths are case-sensitive";
const UNITS = "Every grammar word is reserved except the duration units";
const AFTER_DOT = "after a . any word is a path segment";

const one = (name: string) => attrs({ [name]: 1 });

const rows: Row[] = [
  // Whitespace and comments.
  ['# a comment\ncountry = "US"', specProfile, true, COMMENT],
  ['country = "US" # a trailing comment', specProfile, true, COMMENT],
  ['country = "US" # and false', specProfile, true, COMMENT],
  ['country = "US"\n# and false\n', specProfile, true, COMMENT],
  ['country = "US" #', specProfile, true, COMMENT],
  ['# 😀 ünïcode\r\ncountry = "US" # x\r\nand true', specProfile, true, COMMENT],
  ['country = "#US"', attrs({ country: "#US" }), true, `${COMMENT}: # inside a string is text`],
  ["`#x` = 1", attrs({ "#x": 1 }), true, `${COMMENT}: # inside backticks is part of the name`],
  ['country\t=\t"US"', specProfile, true, WS],
  ['  country   =\n\n  "US"  ', specProfile, true, WS],
  ['country\r\n=\r\n"US"', specProfile, true, WS],
  ['country\r=\r"US"', specProfile, true, LONE_CR],
  ['country="US"and(loyalty.tier="gold")', specProfile, true, WS],

  // Numbers.
  ["1 = 1.0", specProfile, true, IEEE],
  ["x = 1.5", attrs({ x: 1.5 }), true, NUMBER],
  ["1.50 = 1.5", specProfile, true, NUMBER],
  ["007 = 7", specProfile, true, NUMBER],
  ["x = -5", attrs({ x: -5 }), true, NUMBER],
  ["- 5 = -5", specProfile, true, NUMBER],
  ["2 - -3 = 5", specProfile, true, NUMBER],
  ["2--3 = 5", specProfile, true, NUMBER],
  ["0.1 + 0.2 = 0.30000000000000004", specProfile, true, IEEE],
  ["0.1 + 0.2 = 0.3", specProfile, false, IEEE],
  ["9007199254740993 = 9007199254740992", specProfile, true, IEEE],
  ["x = 3", attrs({ x: 3.0 }), true, IEEE],

  // Strings.
  [String.raw`"\u0041" = "A"`, specProfile, true, STRING],
  [String.raw`"\u00e9" = "é"`, specProfile, true, STRING],
  [String.raw`"\u00C9" = "É"`, specProfile, true, STRING],
  [String.raw`"\uD83D\uDE00" = "😀"`, specProfile, true, STRING],
  [String.raw`x = "\""`, attrs({ x: '"' }), true, STRING],
  [String.raw`x = "\\"`, attrs({ x: "\\" }), true, STRING],
  [String.raw`"\/" = "/"`, specProfile, true, STRING],
  [String.raw`x = "a\nb"`, attrs({ x: "a\nb" }), true, STRING],
  [String.raw`x = "\t\r\b\f"`, attrs({ x: "\t\r\b\f" }), true, STRING],
  ['x = ""', attrs({ x: "" }), true, STRING],
  ['x = "héllo wörld 😀"', attrs({ x: "héllo wörld 😀" }), true, STRING],
  ['x = "a and b"', attrs({ x: "a and b" }), true, `${STRING}: keywords inside strings are text`],

  // Keywords are case-insensitive.
  ['country = "US" AND loyalty.tier = "gold"', specProfile, true, KW_CASE],
  ['country = "US" And loyalty.tier = "gold"', specProfile, true, KW_CASE],
  ['NOT (country = "FR")', specProfile, true, KW_CASE],
  ['country = "FR" OR country = "US"', specProfile, true, KW_CASE],
  ["Count(events) = 1", specProfile, true, KW_CASE],
  ['COUNT(EVENTS WHERE type = "search") = 1', specProfile, true, KW_CASE],
  ['EXISTS(Events Where type = "search")', specProfile, true, KW_CASE],
  ['loyalty.tier IN ["gold"]', specProfile, true, KW_CASE],
  ['loyalty.tier NOT IN ["silver"]', specProfile, true, KW_CASE],
  ["loyalty.points BETWEEN 1000 AND 2000", specProfile, true, KW_CASE],
  ["loyalty.points Not Between 1000 and 2000", specProfile, false, KW_CASE],
  ["country IS NOT NULL", specProfile, true, KW_CASE],
  ["email Is Null", specProfile, true, KW_CASE],
  ['country STARTS WITH "U" and country ENDS WITH "S"', specProfile, true, KW_CASE],
  ['tags CONTAINS "runner"', specProfile, true, KW_CASE],
  ["birthDate WITHIN LAST 36500 days", specProfile, true, KW_CASE],
  ["TRUE and not FALSE", specProfile, true, KW_CASE],
  ['NOW > DATE("2026-01-01")', specProfile, true, KW_CASE],
  ['LOWER(country) = "us" and Upper("us") = country', specProfile, true, KW_CASE],
  ["LENGTH(tags) = 2 and ABS(-1) = 1", specProfile, true, KW_CASE],
  ["DAYSSINCE(birthDate) > 0 and yearssince(birthDate) = 36", specProfile, true, KW_CASE],
  [
    'SUM(events.revenue) = 0 and MAX(EVENTS.timestamp) = date("2026-11-20T10:00:00Z")',
    specProfile,
    true,
    KW_CASE,
  ],
  ["AVG(events.x) is null and MIN(events.x) is null", specProfile, true, KW_CASE],
  [
    'SEQUENCE(events where type = "a", EVENTS where type = "b") WITHIN 1 day',
    evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY))]),
    true,
    KW_CASE,
  ],

  // Paths are case-sensitive.
  ['Country = "US"', specProfile, false, PATH_CASE],
  ['Country = "US"', attrs({ Country: "US" }), true, PATH_CASE],
  ['country = "US"', attrs({ Country: "US" }), false, PATH_CASE],
  ['LOYALTY.tier = "gold"', specProfile, false, PATH_CASE],
  ['loyalty.Tier = "gold"', specProfile, false, PATH_CASE],
  ['exists(events where Keywords = "running shoes")', specProfile, false, PATH_CASE],
  ['exists(events where TYPE = "search")', specProfile, false, `${PATH_CASE}: TYPE is not the event type`],

  // Words that merely begin with a keyword are paths.
  ...[
    "android",
    "notes",
    "index",
    "order",
    "nowhere",
    "counter",
    "isActive",
    "inbox",
    "summary",
    "maximum",
    "minimal",
    "lowercase",
    "eventsCount",
    "truely",
    "nullable",
    "withinLast",
    "betweenness",
    "wherever",
    "starts_at",
    "ends_at",
    "contains_x",
    "lastly",
    "existsFlag",
    "orValue",
    "dated",
    "absolute",
    "sequences",
    "_x",
    "x1",
  ].map((name): Row => [`${name} = 1`, one(name), true, `IDENT: [A-Za-z_][A-Za-z0-9_]* (${name} is a path)`]),

  // Duration units are not reserved.
  ["days = 3", attrs({ days: 3 }), true, UNITS],
  ...["day", "minute", "minutes", "hour", "hours", "week", "weeks"].map(
    (name): Row => [`${name} = 1`, one(name), true, UNITS],
  ),
  ["days + hours = 5", attrs({ days: 2, hours: 3 }), true, UNITS],
  ["days within last 3 days", attrs({ days: ago(DAY) }), true, UNITS],
  ["days.week = 1", attrs({ days: { week: 1 } }), true, UNITS],
  ["exists(events where days = 3)", evts([ev("v", ago(DAY), { days: 3 })]), true, UNITS],

  // After a dot, any word is a path segment.
  ...[
    "and",
    "not",
    "or",
    "in",
    "is",
    "null",
    "true",
    "false",
    "now",
    "date",
    "events",
    "count",
    "where",
    "within",
  ].map((word): Row => [`x.${word} = 1`, attrs({ x: { [word]: 1 } }), true, AFTER_DOT]),
  ["x.AND = 1", attrs({ x: { AND: 1 } }), true, AFTER_DOT],
  ["x.AND = 1", attrs({ x: { and: 1 } }), false, `${AFTER_DOT}; ${PATH_CASE}`],
  ["sum(events.count) = 3", evts([ev("v", ago(DAY), { count: 3 })]), true, AFTER_DOT],
  [
    'exists(events where properties.type = "inner")',
    evts([ev("v", ago(DAY), { type: "inner" })]),
    true,
    AFTER_DOT,
  ],
];

describe("Lexical rules", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});

/** `word = 1` is rejected: at the word itself, or at the `=` where a `(` was expected. */
const reserved = (word: string): ErrorRow => [
  `${word} = 1`,
  { at: ["1:1", `1:${[...word].length + 2}`] },
  `${UNITS}: ${word} is reserved`,
];

const errors: ErrorRow[] = [
  // Numbers.
  ["x = 1e3", { at: ["1:5", "1:6"] }, `${NUMBER}: no exponent`],
  ["x = 1.", { at: ["1:5", "1:6", "1:7"] }, NUMBER],
  ["x = .5", { at: "1:5" }, NUMBER],
  ["x = +1", { at: "1:5" }, `${NUMBER}: no sign`],
  ["x = 0x10", { at: ["1:5", "1:6"] }, NUMBER],

  // Strings.
  ["country = 'US'", { at: "1:11", reason: [/quote|'/i] }, "Single quotes are an error"],
  ["'US' = country", { at: "1:1", reason: [/quote|'/i] }, "Single quotes are an error"],
  [String.raw`x = "\x41"`, { at: ["1:5", "1:6"] }, `${STRING}: only JSON's escapes`],
  [String.raw`x = "\'"`, { at: ["1:5", "1:6"] }, `${STRING}: only JSON's escapes`],
  [String.raw`x = "\u12"`, { at: ["1:5", "1:6"] }, `${STRING}: \\u takes four hex digits`],
  [String.raw`x = "\u12G4"`, { at: ["1:5", "1:6"] }, `${STRING}: \\u takes four hex digits`],
  ['x = "a\tb"', { at: ["1:5", "1:7"] }, `${STRING}: no raw control characters (tab)`],
  ['x = "a\nb"', { at: ["1:5", "1:7"] }, `${STRING}: no raw control characters (line feed)`],
  ['x = "a\u0001"', { at: ["1:5", "1:7"] }, `${STRING}: no raw control characters (U+0001)`],
  ['x = "abc', { at: ["1:5", "1:9"] }, `${STRING}: an unclosed string`],

  // Reserved words.
  ...[
    "and",
    "or",
    "in",
    "is",
    "null",
    "between",
    "contains",
    "starts",
    "ends",
    "with",
    "within",
    "last",
    "where",
    "events",
    "exists",
    "sequence",
    "inSegment",
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "lower",
    "upper",
    "length",
    "abs",
    "daysSince",
    "yearsSince",
    "date",
    "AND",
    "Count",
    "NULL",
    "Where",
  ].map(reserved),
  ["not = 1", { at: "1:5" }, `${UNITS}: not is reserved (not takes an operand)`],
  ["x = 1 and and = 2", { at: "1:11" }, `${UNITS}: and is reserved`],

  // Characters outside the language.
  ["x = 1 ; y", { at: "1:7" }, "Lexical rules: ; is no token"],
  ["x = @", { at: "1:5" }, "Lexical rules: @ is no token"],
  ["x == 1", { at: "1:4" }, "Grammar: = is one token, == is = ="],
  ["x <> 1", { at: "1:4" }, "Grammar: <> is no operator"],
  ["x ! = 1", { at: "1:3" }, "Grammar: != is one token"],
  ["é = 1", { at: "1:1" }, "IDENT: [A-Za-z_][A-Za-z0-9_]*"],
  ["x = 1 }", { at: "1:7" }, "Lexical rules: } is no token"],
  ["1x = 1", { at: "1:2" }, "IDENT starts with a letter or _"],

  // Positions: line:column, 1-based, in code points; LF and CRLF break lines, a lone CR does not.
  ["x = = 1", { at: "1:5" }, "Positions in errors are line:column, 1-based"],
  ['x = "😀" and and', { at: "1:13" }, "counted in code points (a non-BMP character is one column)"],
  ['x = "😀😀" and and', { at: "1:14" }, "counted in code points (a non-BMP character is one column)"],
  ["`😀` = = 1", { at: "1:7" }, "counted in code points (a non-BMP character is one column)"],
  ['"é" = = 1', { at: "1:7" }, "counted in code points"],
  ["\tx = = 1", { at: "1:6" }, "counted in code points (a tab is one)"],
  ["x = 1 and\ny = = 2", { at: "2:5" }, "LF is a line break"],
  ["x = 1 and\r\ny = = 2", { at: "2:5" }, "CRLF is a line break (one, not two)"],
  ["x = 1 and\r\n\r\ny = = 2", { at: "3:5" }, "CRLF is a line break"],
  ["x = 1 and\n\ny = = 2", { at: "3:5" }, "LF is a line break"],
  ["x = 1 and\ry = = 2", { at: "1:15" }, LONE_CR],
  ["# 😀 comment\r\nx = = 2", { at: "2:5" }, "comments and CRLF"],
  ['x = 1 and\n"😀" = = 1', { at: "2:7" }, "counted in code points on the second line"],
];

describe("Lexical rules: rejected definitions", () => {
  it.each(errorCases(errors))("$name", (c) => {
    checkErrorCase(c);
  });
});
