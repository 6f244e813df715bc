/** docs/segment-language.md, "Events": aggregates and `exists`. */
import { describe, it } from "vitest";
import { ago, at, attrs, type Case, cases, checkCase, DAY, ev, evts, type Row } from "./fixtures.js";

const COUNT = "count(events where F) counts the existing events that satisfy F";
const NUMBERS_ONLY = "numbers only (booleans, numeric strings, arrays and objects are skipped)";
const MIN_MAX_INSTANTS = "for min/max also instants (timestamp, or dates stored as dates)";
const SUM_NONE = "sum of none is 0";
const NONE_MISSING = "avg, min, max of none are missing";
const AVG = "avg is sum / count";
const ORDER = "sums add in the events' stored order";
const EXISTS = "exists(events where F) is count(events where F) >= 1";
const TYPES = "min/max of timestamp are instants and other aggregates numbers";

/** Three countable purchases (100, 250.5, 300), decoys of every skipped kind, and hidden events. */
const shop = evts([
  ev("purchase", ago(10 * DAY), { revenue: 100 }),
  ev("purchase", ago(5 * DAY), { revenue: 250.5 }),
  ev("purchase", ago(200 * DAY), { revenue: 300 }),
  ev("purchase", ago(4 * DAY), { revenue: "400" }),
  ev("purchase", ago(4 * DAY), { revenue: true }),
  ev("purchase", ago(4 * DAY), { revenue: [5] }),
  ev("purchase", ago(4 * DAY), { revenue: { v: 5 } }),
  ev("purchase", ago(4 * DAY), { revenue: null }),
  ev("view", ago(3 * DAY)),
  ev("purchase", at(DAY), { revenue: 1000 }),
  ev("purchase", "not a time", { revenue: 2000 }),
  { type: "purchase", properties: { revenue: 3000 } },
]);

const dated = evts([
  ev("a", ago(3 * DAY), { when: new Date("2026-01-01T00:00:00Z"), text: "2026-06-01" }),
  ev("a", ago(2 * DAY), { when: new Date("2026-03-01T00:00:00Z"), text: "2026-07-01" }),
  ev("b", ago(DAY)),
]);

/** Stored order is the reverse of time order: 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1. */
const order = evts([
  ev("v", ago(1 * DAY), { v: 0.1 }),
  ev("v", ago(2 * DAY), { v: 0.2 }),
  ev("v", ago(3 * DAY), { v: 0.3 }),
]);

const rows: Row[] = [
  // count.
  ["count(events) = 9", shop, true, `${COUNT} (future and timeless events do not exist)`],
  ['count(events where type = "purchase") = 8', shop, true, COUNT],
  ['count(events where type = "view") = 1', shop, true, COUNT],
  ["count(events where revenue > 200) = 2", shop, true, COUNT],
  ['count(events where type = "none") = 0', shop, true, COUNT],
  ["count(events) = 0", attrs({}), true, COUNT],
  ["count(events) = 0", { id: "p", events: null }, true, COUNT],
  ["count(events where timestamp within last 7 days) = 7", shop, true, COUNT],

  // sum / avg / min / max over numbers only.
  ["sum(events.revenue) = 650.5", shop, true, NUMBERS_ONLY],
  ['sum(events.revenue where type = "purchase") = 650.5', shop, true, NUMBERS_ONLY],
  ["sum(events.revenue where timestamp within last 30 days) = 350.5", shop, true, NUMBERS_ONLY],
  ["avg(events.revenue) = 650.5 / 3", shop, true, `${NUMBERS_ONLY}; ${AVG}`],
  ["min(events.revenue) = 100", shop, true, NUMBERS_ONLY],
  ["max(events.revenue) = 300", shop, true, NUMBERS_ONLY],
  ["max(events.revenue where timestamp within last 30 days) = 250.5", shop, true, NUMBERS_ONLY],
  ['sum(events.revenue where revenue = "400") = 0', shop, true, `${NUMBERS_ONLY} (a numeric string)`],
  ['avg(events.revenue where revenue = "400") is null', shop, true, `${NUMBERS_ONLY} (a numeric string)`],
  ["sum(events.revenue where revenue = true) = 0", shop, true, `${NUMBERS_ONLY} (a boolean)`],
  ["max(events.revenue where revenue = true) is null", shop, true, `${NUMBERS_ONLY} (a boolean)`],
  ["sum(events.revenue where length(revenue) = 1) = 0", shop, true, `${NUMBERS_ONLY} (an array)`],
  ["min(events.revenue where revenue.v = 5) is null", shop, true, `${NUMBERS_ONLY} (an object)`],
  [
    "sum(events.x) = -4",
    evts([ev("a", ago(DAY), { x: -5 }), ev("a", ago(DAY), { x: 1 })]),
    true,
    NUMBERS_ONLY,
  ],
  [
    "avg(events.x) = 2",
    evts([ev("a", ago(DAY), { x: 1 }), ev("a", ago(DAY), { x: 3 }), ev("a", ago(DAY))]),
    true,
    AVG,
  ],
  [
    "avg(events.x) = 2",
    evts([ev("a", ago(DAY), { x: 1 }), ev("a", ago(DAY), { x: 3 }), ev("a", ago(DAY), { x: "9" })]),
    true,
    `${AVG} (count of the numbers)`,
  ],

  // Nothing to aggregate.
  ['sum(events.revenue where type = "none") = 0', shop, true, SUM_NONE],
  ["sum(events.revenue) = 0", attrs({}), true, SUM_NONE],
  ["sum(events.missing) = 0", shop, true, SUM_NONE],
  ['avg(events.revenue where type = "none") is null', shop, true, NONE_MISSING],
  ['min(events.revenue where type = "none") is null', shop, true, NONE_MISSING],
  ['max(events.revenue where type = "none") is null', shop, true, NONE_MISSING],
  ["max(events.timestamp) is null", attrs({}), true, NONE_MISSING],
  ['avg(events.revenue where type = "none") != 0', shop, false, `${NONE_MISSING} (so comparisons are false)`],

  // min / max of instants.
  ['max(events.timestamp) = date("2026-11-26T12:00:00Z")', shop, true, MIN_MAX_INSTANTS],
  ["min(events.timestamp) < now - 199 days", shop, true, MIN_MAX_INSTANTS],
  [
    'max(events.timestamp where type = "view") within last 4 days',
    shop,
    true,
    `${MIN_MAX_INSTANTS}; ${TYPES}`,
  ],
  [
    'max(events.timestamp where type = "view") = "2026-11-26T12:00Z"',
    shop,
    true,
    `${TYPES} (a string compared with an instant is parsed)`,
  ],
  ["max(events.timestamp) + 3 days = now", shop, true, TYPES],
  ['min(events.when) = date("2026-01-01")', dated, true, `${MIN_MAX_INSTANTS} (dates stored as dates)`],
  ['max(events.when) = date("2026-03-01")', dated, true, `${MIN_MAX_INSTANTS} (dates stored as dates)`],
  ["max(events.text) is null", dated, true, `${NUMBERS_ONLY}: strings are not instants here`],
  ["sum(events.when) = 0", dated, true, `${NUMBERS_ONLY}: sum takes numbers only`],

  // Stored order.
  ["sum(events.v) = 0.6000000000000001", order, true, ORDER],
  ["sum(events.v) = 0.6", order, false, ORDER],
  ["avg(events.v) = 0.6000000000000001 / 3", order, true, `${ORDER}; ${AVG}`],

  // exists.
  ["exists(events)", shop, true, EXISTS],
  ["exists(events)", attrs({}), false, EXISTS],
  ['exists(events where type = "view")', shop, true, EXISTS],
  ['exists(events where type = "none")', shop, false, EXISTS],
  ["exists(events where revenue = 1000)", shop, false, `${EXISTS} (a future event does not exist)`],
  ["exists(events where revenue = 2000)", shop, false, `${EXISTS} (an invalid timestamp)`],
  ["exists(events where revenue = 3000)", shop, false, `${EXISTS} (a missing timestamp)`],
  ['not exists(events where type = "none")', shop, true, EXISTS],
];

describe("Meaning: Aggregates and exists", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
