/** docs/segment-language.md, "Instants and durations": `x within last N unit` is `x > now - N unit and x <= now`. */
import { describe, it } from "vitest";
import {
  ago,
  at,
  attrs,
  type Case,
  cases,
  checkCase,
  DAY,
  ev,
  evts,
  HOUR,
  MINUTE,
  NOW,
  type Row,
} from "./fixtures.js";

const RULE = "x within last N unit is x > now - N unit and x <= now";
const ZERO = "within last 0 days is false";
const FUTURE = "events whose timestamp is later than now do not exist for the evaluation";

const x = (iso: unknown) => attrs({ x: iso });

const rows: Row[] = [
  ["x within last 3 days", x(ago(3 * DAY)), false, `${RULE}: x = now - d is not > now - d`],
  ["x within last 3 days", x(ago(3 * DAY - 1)), true, RULE],
  ["x within last 3 days", x(ago(3 * DAY + 1)), false, RULE],
  ["x within last 3 days", x(ago(DAY)), true, RULE],
  ["x within last 3 days", x(at(0)), true, `${RULE}: x = now is <= now`],
  ["x within last 3 days", x(at(1)), false, `${RULE}: later than now is not <= now`],
  ["x within last 3 days", x(at(DAY)), false, RULE],
  ["x within last 0 days", x(at(0)), false, ZERO],
  ["x within last 0 days", x(ago(1)), false, ZERO],
  ["x within last 0 minutes", x(at(0)), false, ZERO],
  ["now within last 1 minute", x(null), true, RULE],
  ["now within last 0 days", x(null), false, ZERO],
  ["now - 3 days within last 3 days", x(null), false, RULE],
  ["now - 3 days + 1 minute within last 3 days", x(null), true, RULE],
  ["x within last 90 minutes", x(ago(90 * MINUTE - 1)), true, RULE],
  ["x within last 90 minutes", x(ago(90 * MINUTE)), false, RULE],
  ["x within last 1 minute", x(ago(59_999)), true, RULE],
  ["x within last 2 hours", x(ago(2 * HOUR)), false, RULE],
  ["x within last 2 hour", x(ago(2 * HOUR - 1)), true, `${RULE} (singular and plural are the same unit)`],
  ["x within last 1 week", x(ago(7 * DAY - 1)), true, RULE],
  ["x within last 1 weeks", x(ago(7 * DAY)), false, RULE],
  ["x within last 1 day", x(ago(DAY - 1)), true, RULE],
  ["x within last 1.5 days", x(ago(36 * HOUR - 1)), true, RULE],
  ["x within last 1.5 days", x(ago(36 * HOUR)), false, RULE],
  ["x within last 3 days", x("2026-11-26T12:00:00Z"), false, `${RULE} (a parsed string)`],
  ["x within last 3 days", x("2026-11-26T12:00:00.001Z"), true, `${RULE} (a parsed string)`],
  ["x within last 3 days", x("2026-11-29T12:00:00Z"), true, `${RULE} (a parsed string)`],
  ["x within last 3 days", x("2026-11-29T12:00:00.001Z"), false, `${RULE} (a parsed string)`],
  ["x within last 3 days", x("2026-11-26T13:00:00+01:00"), false, `${RULE} (a parsed string with an offset)`],
  ["x within last 3 days", x(new Date(NOW - DAY)), true, `${RULE} (a BSON date)`],
  ["x within last 3 days", x(5), false, `${RULE} (a number is not an instant)`],
  ["x within last 3 days", x("soon"), false, `${RULE} (an unparseable string is missing)`],
  ["x within last 3 days", x(true), false, RULE],

  // Events.
  ["exists(events where timestamp within last 3 days)", evts([ev("v", ago(3 * DAY))]), false, RULE],
  ["exists(events where timestamp within last 3 days)", evts([ev("v", ago(3 * DAY - 1))]), true, RULE],
  ["exists(events where timestamp within last 3 days)", evts([ev("v", at(0))]), true, RULE],
  ["exists(events where timestamp within last 3 days)", evts([ev("v", at(1))]), false, FUTURE],
  ["exists(events where timestamp within last 0 days)", evts([ev("v", at(0))]), false, ZERO],
  [
    "count(events where timestamp within last 10 days) = 1",
    evts([ev("v", ago(DAY)), ev("v", at(HOUR))]),
    true,
    FUTURE,
  ],
];

describe("Meaning: within last", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
