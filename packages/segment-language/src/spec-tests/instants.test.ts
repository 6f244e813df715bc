/** docs/segment-language.md, "Instants and durations": where instants come from, how strings are parsed. */
import { describe, expect, it } from "vitest";
import {
  ago,
  attrs,
  type Case,
  cases,
  checkCase,
  checkErrorCase,
  DAY,
  errorCases,
  ev,
  evts,
  holds,
  type Row,
  specProfile,
} from "./fixtures.js";

const SOURCES =
  "An instant comes from date(…), now, timestamp, min/max of timestamp, a BSON date in storage, or arithmetic on these";
const PARSED =
  "A string compared with (or added to) an instant, or used in +/- with an instant or a duration, is parsed as one";
const FORMS =
  "Accepted forms: YYYY-MM-DD (midnight UTC) and YYYY-MM-DDTHH:MM[:SS[.fraction]] with an optional Z or ±HH:MM (none means UTC)";
const FRACTION = "1 to 9 fraction digits kept to the millisecond (further digits cut off)";
const OFFSETS = "offsets up to ±14:00";
const RANGES = "years 0001-9999, hours 00-23, minutes and seconds 00-59";
const CALENDAR = "calendar-checked (2026-02-30 is invalid)";
const UNPARSEABLE = "A string that does not parse counts as missing there";
const ARRAY_SKIP = "(an array's such elements are skipped)";
const STRINGS = "Two strings compare as strings";

/** Pairs of texts that must be the same instant. */
const same: [string, string, string][] = [
  ["2026-01-01", "2026-01-01T00:00:00Z", `${FORMS}: a date is midnight UTC`],
  ["2026-01-01T10:30", "2026-01-01T10:30:00Z", `${FORMS}: seconds are optional, no offset is UTC`],
  ["2026-01-01T10:30Z", "2026-01-01T10:30:00.000Z", FORMS],
  ["2026-01-01T10:30:15", "2026-01-01T10:30:15Z", `${FORMS}: no offset is UTC`],
  ["2026-01-01T10:30:15.5", "2026-01-01T10:30:15.500Z", `${FORMS}; ${FRACTION}`],
  ["2026-01-01T10:30:15.5Z", "2026-01-01T10:30:15.500Z", FRACTION],
  ["2026-01-01T10:30:15.05Z", "2026-01-01T10:30:15.050Z", FRACTION],
  ["2026-01-01T10:30:15.123456789Z", "2026-01-01T10:30:15.123Z", FRACTION],
  ["2026-01-01T10:30:15.9999Z", "2026-01-01T10:30:15.999Z", `${FRACTION}: cut, not rounded`],
  ["2026-01-01T10:30:15.999999999Z", "2026-01-01T10:30:15.999Z", `${FRACTION}: cut, not rounded`],
  ["2026-01-01T00:00:00.0009Z", "2026-01-01", `${FRACTION}: cut, not rounded`],
  ["2026-01-01T10:00+02:00", "2026-01-01T08:00Z", OFFSETS],
  ["2026-01-01T10:00-05:30", "2026-01-01T15:30Z", OFFSETS],
  ["2026-01-01T01:00:00+02:00", "2025-12-31T23:00Z", `${OFFSETS} (across midnight)`],
  ["2026-01-01T10:00+00:00", "2026-01-01T10:00Z", OFFSETS],
  ["2026-01-01T14:00+14:00", "2026-01-01T00:00Z", OFFSETS],
  ["2026-01-01T00:00-14:00", "2026-01-01T14:00Z", OFFSETS],
  ["2026-01-01T10:30:15.5+01:00", "2026-01-01T09:30:15.500Z", `${FORMS}; ${OFFSETS}`],
  ["2024-02-29", "2024-02-29T00:00:00Z", CALENDAR],
  ["2000-02-29T12:00", "2000-02-29T12:00:00Z", CALENDAR],
  ["0001-01-01", "0001-01-01T00:00:00Z", RANGES],
  ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999+00:00", RANGES],
  ["2026-12-31T23:59:59", "2026-12-31T23:59:59Z", RANGES],
  ["2026-01-01T00:00", "2026-01-01", RANGES],
];

/** Texts that are not instants. */
const invalid: [string, string][] = [
  ["2026-02-30", CALENDAR],
  ["2026-02-29", `${CALENDAR} (2026 is no leap year)`],
  ["1900-02-29", CALENDAR],
  ["2100-02-29", CALENDAR],
  ["2026-04-31", CALENDAR],
  ["2026-13-01", CALENDAR],
  ["2026-00-10", CALENDAR],
  ["2026-01-00", CALENDAR],
  ["2026-01-32", CALENDAR],
  ["2026-01-01t10:00Z", "upper-case T and Z only"],
  ["2026-01-01T10:00z", "upper-case T and Z only"],
  ["0000-01-01", RANGES],
  ["2026-01-01T24:00Z", RANGES],
  ["2026-01-01T24:00:00", RANGES],
  ["2026-01-01T23:60Z", RANGES],
  ["2026-01-01T10:00:60Z", RANGES],
  ["2026-01-01T10:00+14:01", OFFSETS],
  ["2026-01-01T10:00-14:01", OFFSETS],
  ["2026-01-01T10:00+15:00", OFFSETS],
  ["2026-01-01T10:00+01:60", OFFSETS],
  ["2026-01-01T10:00:00.1234567890Z", `${FRACTION}: 10 digits`],
  ["2026-01-01T10:00:00.Z", `${FRACTION}: at least one digit`],
  ["2026-01-01T10:00.5Z", `${FORMS}: a fraction needs seconds`],
  ["2026-01-01 10:00Z", `${FORMS}: no spaces`],
  [" 2026-01-01", `${FORMS}: no spaces`],
  ["2026-01-01 ", `${FORMS}: no spaces`],
  ["2026-01-01T10:00 Z", `${FORMS}: no spaces`],
  ["2026-1-1", FORMS],
  ["26-01-01", FORMS],
  ["12026-01-01", RANGES],
  ["+2026-01-01", FORMS],
  ["2026/01/01", FORMS],
  ["20260101", FORMS],
  ["2026-01-01T", FORMS],
  ["2026-01-01T10", FORMS],
  ["2026-01-01T1:00Z", FORMS],
  ["2026-01-01T10:0Z", FORMS],
  ["2026-01-01T10:00:0Z", FORMS],
  ["2026-01-01T10:00+0200", FORMS],
  ["2026-01-01T10:00+2:00", FORMS],
  ["2026-01-01T10:00+02", FORMS],
  ["2026-01-01T10:00ZZ", FORMS],
  ["2026-01-01T10:00Z+01:00", FORMS],
  ["2026-01-01T10:00:00,5Z", FORMS],
  ["2026-01-01TZ", FORMS],
  ["２０２６-01-01", `${FORMS} (ASCII digits)`],
  ["", FORMS],
  ["yesterday", FORMS],
  ["Thu, 01 Jan 2026 00:00:00 GMT", FORMS],
];

const sameRows: Row[] = same.flatMap(([a, b, rule]): Row[] => [
  [`date("${a}") = date("${b}")`, specProfile, true, rule],
  [`d = date("${b}")`, attrs({ d: a }), true, `${rule}; ${PARSED}`],
  [`date("${a}") = d`, attrs({ d: b }), true, `${rule}; ${PARSED}`],
]);

const invalidRows: Row[] = invalid.flatMap(([text, rule]): Row[] => [
  ["d < now", attrs({ d: text }), false, `${UNPARSEABLE}: ${rule}`],
  ["d >= now", attrs({ d: text }), false, `${UNPARSEABLE}: ${rule}`],
  ["d != now", attrs({ d: text }), false, `${UNPARSEABLE}: ${rule}`],
  ["d within last 100000 days", attrs({ d: text }), false, `${UNPARSEABLE}: ${rule}`],
  ["d is not null", attrs({ d: text }), true, `${UNPARSEABLE} there (only there: the string is present)`],
  [
    "count(events) = 1",
    evts([ev("v", ago(DAY)), ev("v", text)]),
    true,
    `events with an invalid timestamp do not exist: ${rule}`,
  ],
]);

const rows: Row[] = [
  // Where instants come from: each one parses a string it is compared with.
  ['now > "2026-01-01"', specProfile, true, `${SOURCES} (now); ${PARSED}`],
  ['now = "2026-11-29T13:00:00+01:00"', specProfile, true, `${SOURCES} (now); ${PARSED}`],
  ['date("2026-01-01") < "2026-06-01"', specProfile, true, `${SOURCES} (date); ${PARSED}`],
  ['"2026-06-01" > date("2026-01-01")', specProfile, true, `${SOURCES} (date); ${PARSED} (on either side)`],
  ['exists(events where timestamp < "2026-11-21")', specProfile, true, `${SOURCES} (timestamp); ${PARSED}`],
  [
    'exists(events where timestamp = "2026-11-20T10:00Z")',
    specProfile,
    true,
    `${SOURCES} (timestamp); ${PARSED}`,
  ],
  [
    'exists(events where timestamp = date("2026-11-20T10:00Z"))',
    evts([ev("v", "2026-11-20T12:00:00+02:00")]),
    true,
    `${SOURCES} (timestamp, stored with an offset)`,
  ],
  ['max(events.timestamp) < "2026-11-21"', specProfile, true, `${SOURCES} (max of timestamp); ${PARSED}`],
  ['min(events.timestamp) = "2026-11-20T11:00+01:00"', specProfile, true, `${SOURCES} (min of timestamp)`],
  [
    'signup < "2026-06-01"',
    attrs({ signup: new Date("2026-01-01T00:00:00Z") }),
    true,
    `${SOURCES} (a BSON date); ${PARSED}`,
  ],
  ['now - 1 day < "2026-11-29"', specProfile, true, `${SOURCES} (arithmetic); ${PARSED}`],
  ['"2026-11-29" > now - 1 day', specProfile, true, `${SOURCES} (arithmetic); ${PARSED}`],
  ['"2026-01-01" + 1 day = date("2026-01-02")', specProfile, true, PARSED],
  ['1 day + "2026-01-01" = date("2026-01-02")', specProfile, true, PARSED],
  ['"2026-01-01" - 1 day = date("2025-12-31")', specProfile, true, PARSED],
  ['now - "2026-11-28T12:00Z" = 1 day', specProfile, true, PARSED],
  ['"2026-11-30T12:00Z" - now = 1 day', specProfile, true, PARSED],
  ['d + 1 day = date("2026-01-02")', attrs({ d: "2026-01-01" }), true, PARSED],
  ['d - 1 hour = date("2025-12-31T23:00Z")', attrs({ d: "2026-01-01" }), true, PARSED],
  ['d between date("2025-12-31") and now', attrs({ d: "2026-01-01T05:00+02:00" }), true, PARSED],
  ['d in [date("2026-01-01")]', attrs({ d: "2026-01-01T00:00:00.000Z" }), true, PARSED],

  // Strings that do not parse are missing there.
  ['"garbage" < now', specProfile, false, UNPARSEABLE],
  ['"garbage" >= now', specProfile, false, UNPARSEABLE],
  ['"garbage" != now', specProfile, false, UNPARSEABLE],
  ['("garbage" + 1 day) is null', specProfile, true, UNPARSEABLE],
  ['(now - "garbage") is null', specProfile, true, UNPARSEABLE],
  ['(1 day + "2026-02-30") is null', specProfile, true, UNPARSEABLE],
  ['bad = "2026-02-30"', attrs({ bad: "2026-02-30" }), true, `${UNPARSEABLE} (only there); ${STRINGS}`],

  // Arrays: unparseable elements are skipped.
  ["dates within last 7 days", attrs({ dates: ["garbage", ago(DAY)] }), true, ARRAY_SKIP],
  ["dates < now", attrs({ dates: ["garbage", "2026-02-30"] }), false, ARRAY_SKIP],
  ['dates = date("2026-01-01")', attrs({ dates: ["x", "2026-01-01T00:00:00+00:00"] }), true, ARRAY_SKIP],
  [
    "dates != now",
    attrs({ dates: ["garbage"] }),
    true,
    `${ARRAY_SKIP}; a negative form is true when the positive form holds for no element`,
  ],
  ["dates != now", attrs({ dates: ["garbage", "2026-11-29T12:00Z"] }), false, ARRAY_SKIP],

  // Two strings compare as strings.
  ['"2026-01-01T10:00Z" = "2026-01-01T10:00:00Z"', specProfile, false, STRINGS],
  ['"2026-01-01T10:00+01:00" < "2026-01-01T09:30Z"', specProfile, false, STRINGS],
  ['"2026-01-01" < "2026-01-01T00:00:00Z"', specProfile, true, STRINGS],
  ["a = b", attrs({ a: "2026-01-01", b: "2026-01-01T00:00Z" }), false, STRINGS],
  ["a < b", attrs({ a: "2026-01-01T10:00+01:00", b: "2026-01-01T09:30Z" }), false, STRINGS],
  [
    '("2026-01-02" - "2026-01-01") is null',
    specProfile,
    true,
    `${STRINGS}; a string minus a string is missing`,
  ],

  // Ordering and edge values.
  ['date("0001-01-01") < date("9999-12-31T23:59:59.999Z")', specProfile, true, RANGES],
  [
    'date("2026-01-01T10:30:15.9999Z") < date("2026-01-01T10:30:16Z")',
    specProfile,
    true,
    `${FRACTION}: cut, not rounded`,
  ],
  [
    'date("2026-01-01T10:30:15.1239Z") < date("2026-01-01T10:30:15.124Z")',
    specProfile,
    true,
    `${FRACTION}: cut, not rounded`,
  ],
  [
    'date("2026-01-01T10:30:15.123Z") + 1 minute = date("2026-01-01T10:31:15.123Z")',
    specProfile,
    true,
    FRACTION,
  ],
  ['date("2026-01-01T10:00+01:00") != date("2026-01-01T10:00Z")', specProfile, true, OFFSETS],
  ['date("2026-01-01T10:00") = date("2026-01-01T10:00Z")', specProfile, true, `${FORMS} (none means UTC)`],
];

describe("Meaning: Instants", () => {
  it.each(cases([...sameRows, ...rows, ...invalidRows]))("$name", (c: Case) => checkCase(c));
});

describe("Meaning: Instants: date() of an invalid text is rejected", () => {
  it.each(
    errorCases(
      invalid.map(
        ([text, rule]) =>
          [
            `date(${JSON.stringify(text)}) < now`,
            {},
            `${rule}; Types and checks: date() of a string that is not a valid date`,
          ] as const,
      ),
    ),
  )("$name", (c) => {
    checkErrorCase(c);
  });
});

describe("Meaning: Instants: the evaluation is independent of the host time zone", () => {
  it("parses a text without offset as UTC whatever TZ says", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      expect(holds('d = date("2026-01-01T00:00:00Z")', attrs({ d: "2026-01-01T00:00" }))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
