/** docs/segment-language.md, "What a path reads" and "Events": paths, event fields, time travel. */
import { describe, it } from "vitest";
import {
  ago,
  at,
  attrs,
  bare,
  type Case,
  cases,
  checkCase,
  checkErrorCase,
  DAY,
  type ErrorRow,
  errorCases,
  ev,
  evts,
  NOW,
  type Row,
  specProfile,
} from "./fixtures.js";

const OUTSIDE =
  "Outside an event filter: id is the profile id, scores.… reads scores, attributes.… reads attributes";
const OTHER_ATTR = "every other path reads attributes (loyalty.tier)";
const SHADOW =
  "The first segment as written decides: id, scores and attributes shadow attributes of those names";
const INSIDE = "Inside an event filter: type and timestamp are the event's own fields";
const INSIDE_PROPS =
  "properties.… reads properties, every other path reads properties (keywords, product.sku)";
const NO_ATTRS = "A filter cannot read the profile's attributes";
const TYPE_ATTR = "attributes.type reads an attribute";
const COLLECT = "A path through an array of objects collects the values, as MongoDB's dot notation does";
const SKIPPED = "elements without the key are skipped";
const FLATTEN = "nested arrays are flattened one level";
const EMPTY_MISSING = "an empty result is missing";
const AGG_PATH = "The path of an aggregate (sum(events.revenue …)) is read like a path inside a filter";
const BACKTICK = "A segment with other characters is quoted in backticks (no escapes)";
const BACKTICK_NAME = "Backticks only quote a name: `type` is still the event type";
const BAD_TYPE = "An event whose type is not a string has a missing type";
const BAD_PROPS = "properties that are not an object read as {}";
const FUTURE = "events whose timestamp is later than now do not exist for the evaluation";
const NO_TS = "nor do events with a missing or invalid timestamp";
const AS_STORED = "Attributes and scores are read as stored";

const shadowing = {
  id: "p-real",
  attributes: { id: "attr-id", scores: { x: 1 }, attributes: { y: 2 }, type: "vip", timestamp: "t" },
  scores: { churn: { score: 10 } },
};

const orders = (list: unknown[]) => attrs({ orders: list });

const rows: Row[] = [
  // Outside an event filter.
  ['id = "p-001"', specProfile, true, OUTSIDE],
  ['id = "p-002"', specProfile, false, OUTSIDE],
  ["scores.churn.score = 87", specProfile, true, OUTSIDE],
  ['scores.churn.bucket = "high"', specProfile, true, OUTSIDE],
  [
    "scores.churn.score >= 80",
    specProfile,
    true,
    "Scores: scores.churn.score >= 80 reads what the propensity trainer wrote back",
  ],
  ["scores.churn.score >= 80", bare, false, "Scores: a profile without scores is missing them"],
  ['attributes.country = "US"', specProfile, true, OUTSIDE],
  ['attributes.loyalty.tier = "gold"', specProfile, true, OUTSIDE],
  ['country = "US"', specProfile, true, OTHER_ATTR],
  ['loyalty.tier = "gold"', specProfile, true, OTHER_ATTR],
  ["loyalty.points = 1200", specProfile, true, OTHER_ATTR],
  ["churn.score is null", specProfile, true, `${OTHER_ATTR} (scores are not read without scores.)`],
  ['id = "p-real"', shadowing, true, SHADOW],
  ['id = "attr-id"', shadowing, false, SHADOW],
  ['attributes.id = "attr-id"', shadowing, true, SHADOW],
  ["scores.x = 1", shadowing, false, SHADOW],
  ["scores.churn.score = 10", shadowing, true, SHADOW],
  ["attributes.scores.x = 1", shadowing, true, SHADOW],
  ["attributes.y = 2", shadowing, false, SHADOW],
  ["attributes.attributes.y = 2", shadowing, true, SHADOW],
  ["id = 1", bare, false, OUTSIDE],
  ['attributes.type = "vip"', shadowing, true, TYPE_ATTR],
  ['attributes.timestamp = "t"', shadowing, true, TYPE_ATTR],
  [
    'x.type = "a"',
    attrs({ x: { type: "a" } }),
    true,
    "only the first segment decides: x.type reads an attribute",
  ],

  // Inside an event filter.
  ['exists(events where type = "search")', specProfile, true, INSIDE],
  ['exists(events where type = "purchase")', specProfile, false, INSIDE],
  ['exists(events where timestamp = date("2026-11-20T10:00:00Z"))', specProfile, true, INSIDE],
  ['exists(events where keywords = "running shoes")', specProfile, true, INSIDE_PROPS],
  ['exists(events where properties.keywords = "running shoes")', specProfile, true, INSIDE_PROPS],
  [
    'exists(events where product.sku = "a1")',
    evts([ev("view", ago(DAY), { product: { sku: "a1" } })]),
    true,
    INSIDE_PROPS,
  ],
  [
    'exists(events where properties.product.sku = "a1")',
    evts([ev("view", ago(DAY), { product: { sku: "a1" } })]),
    true,
    INSIDE_PROPS,
  ],
  [
    'exists(events where id = "e-1")',
    { id: "p-x", events: [ev("view", ago(DAY), { id: "e-1" })] },
    true,
    `${INSIDE_PROPS}: id inside a filter reads properties.id`,
  ],
  [
    'exists(events where id = "p-x")',
    { id: "p-x", events: [ev("view", ago(DAY), {})] },
    false,
    `${INSIDE_PROPS}: id inside a filter is not the profile id`,
  ],
  ['exists(events where country = "US")', specProfile, false, NO_ATTRS],
  ['exists(events where attributes.country = "US")', specProfile, false, NO_ATTRS],
  [
    'exists(events where country = "US")',
    evts([ev("view", ago(DAY), { country: "US" })], { country: "FR" }),
    true,
    NO_ATTRS,
  ],

  // Arrays of objects.
  ['orders.sku = "b"', orders([{ sku: "a" }, { sku: "b" }]), true, COLLECT],
  [
    'orders.sku contains "b"',
    orders([{ sku: "a" }, { sku: "b" }]),
    true,
    `${COLLECT}: the result is an array`,
  ],
  ["length(orders.sku) = 2", orders([{ sku: "a" }, { sku: "b" }]), true, COLLECT],
  ['orders.sku != "c"', orders([{ sku: "a" }, { sku: "b" }]), true, COLLECT],
  ['orders.sku != "a"', orders([{ sku: "a" }, { sku: "b" }]), false, COLLECT],
  ['orders.item.sku = "b"', orders([{ item: { sku: "a" } }, { item: { sku: "b" } }]), true, COLLECT],
  ["length(orders.sku) = 2", orders([{ sku: "a" }, { x: 1 }, { sku: "b" }]), true, SKIPPED],
  ["length(orders.sku) = 2", orders([{ sku: "a" }, "text", 5, { sku: "b" }]), true, SKIPPED],
  ["length(orders.sku) = 3", orders([{ sku: ["a", "b"] }, { sku: "c" }]), true, FLATTEN],
  ['orders.sku = "a"', orders([{ sku: ["a", "b"] }, { sku: "c" }]), true, FLATTEN],
  [
    'orders.items.sku = "c"',
    orders([{ items: [{ sku: "a" }, { sku: "b" }] }, { items: [{ sku: "c" }] }]),
    true,
    `${COLLECT}; ${FLATTEN}`,
  ],
  [
    "length(orders.items.sku) = 3",
    orders([{ items: [{ sku: "a" }, { sku: "b" }] }, { items: [{ sku: "c" }] }]),
    true,
    `${COLLECT}; ${FLATTEN}`,
  ],
  ["orders.sku is null", orders([{ x: 1 }, { y: 2 }]), true, EMPTY_MISSING],
  ["orders.sku is null", orders([]), true, EMPTY_MISSING],
  ['orders.sku != "a"', orders([{ x: 1 }]), false, `${EMPTY_MISSING} (so != is false)`],
  ["orders is null", orders([]), false, "An empty array is present, not missing"],

  // Aggregate paths.
  [
    "sum(events.revenue) = 30",
    evts([ev("purchase", ago(DAY), { revenue: 10 }), ev("purchase", ago(DAY), { revenue: 20 })], {
      revenue: 99,
    }),
    true,
    AGG_PATH,
  ],
  [
    "sum(events.properties.revenue) = 30",
    evts([ev("purchase", ago(DAY), { revenue: 10 }), ev("purchase", ago(DAY), { revenue: 20 })]),
    true,
    AGG_PATH,
  ],
  ['max(events.timestamp) = date("2026-11-20T10:00:00Z")', specProfile, true, AGG_PATH],
  ["sum(events.order.total) = 7", evts([ev("purchase", ago(DAY), { order: { total: 7 } })]), true, AGG_PATH],

  // Backticks.
  ['`first-name` = "Ann"', attrs({ "first-name": "Ann" }), true, BACKTICK],
  ['first-name = "Ann"', attrs({ "first-name": "Ann" }), false, `${BACKTICK}: unquoted, it is first - name`],
  ["`a b` = 1", attrs({ "a b": 1 }), true, BACKTICK],
  ["`a.b` = 1", attrs({ "a.b": 1 }), true, `${BACKTICK}: a dot inside backticks is part of the name`],
  ["`a.b` = 1", attrs({ a: { b: 1 } }), false, `${BACKTICK}: a dot inside backticks is part of the name`],
  ["`a\\b` = 1", attrs({ "a\\b": 1 }), true, `${BACKTICK}: no escapes, a backslash is itself`],
  ["`😀` = 1", attrs({ "😀": 1 }), true, BACKTICK],
  ['loyalty.`tier` = "gold"', specProfile, true, BACKTICK],
  ['`loyalty`.tier = "gold"', specProfile, true, BACKTICK],
  ["`and` = 1", attrs({ and: 1 }), true, `${BACKTICK}: a quoted keyword is a name`],
  ["`#x` = 1", attrs({ "#x": 1 }), true, `${BACKTICK}; # inside backticks is no comment`],
  ['`id` = "p-001"', specProfile, true, "Backticks only quote a name: `id` is still the profile id"],
  [
    "`scores`.churn.score = 87",
    specProfile,
    true,
    "Backticks only quote a name: `scores` still reads scores",
  ],
  ['exists(events where `type` = "search")', specProfile, true, BACKTICK_NAME],
  ["exists(events where `timestamp` < now)", specProfile, true, BACKTICK_NAME],
  ['exists(events where `keywords` = "running shoes")', specProfile, true, `${BACKTICK}; ${INSIDE_PROPS}`],

  // Malformed events.
  ["exists(events where type = 5)", evts([ev(5, ago(DAY))]), false, BAD_TYPE],
  ["exists(events where type is null)", evts([ev(5, ago(DAY))]), true, BAD_TYPE],
  ["exists(events where type is null)", evts([{ timestamp: ago(DAY) }]), true, BAD_TYPE],
  ['exists(events where type = "view")', evts([ev(["view"], ago(DAY))]), false, BAD_TYPE],
  ["exists(events where type is null)", evts([ev("view", ago(DAY))]), false, BAD_TYPE],
  ["exists(events where properties.length is null)", evts([ev("view", ago(DAY), "abc")]), true, BAD_PROPS],
  [
    'exists(events where keywords = "x")',
    evts([ev("view", ago(DAY), [{ keywords: "x" }])]),
    false,
    BAD_PROPS,
  ],
  ["exists(events where keywords is null)", evts([ev("view", ago(DAY), 5)]), true, BAD_PROPS],
  ["exists(events where keywords is null)", evts([ev("view", ago(DAY), null)]), true, BAD_PROPS],
  ["exists(events where keywords is null)", evts([ev("view", ago(DAY))]), true, BAD_PROPS],
  ["exists(events where properties is not null)", evts([ev("view", ago(DAY), "abc")]), true, BAD_PROPS],

  // Time travel.
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", at(DAY))]), true, FUTURE],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", at(1))]), true, FUTURE],
  ["count(events) = 1", evts([ev("view", at(0))]), true, `${FUTURE} (an event at now exists)`],
  ['exists(events where type = "view")', evts([ev("view", at(DAY))]), false, FUTURE],
  ["count(events) = 1", evts([ev("view", ago(DAY)), { type: "view" }]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", null)]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", "yesterday")]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", "2026-02-30")]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", "2026-11-01t00:00Z")]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", { at: 1 })]), true, NO_TS],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", true)]), true, NO_TS],
  [
    "count(events) = 2",
    evts([ev("view", ago(DAY)), ev("view", new Date(NOW - DAY))]),
    true,
    "a BSON date is an instant",
  ],
  ["count(events) = 1", evts([ev("view", ago(DAY)), ev("view", new Date(Number.NaN))]), true, NO_TS],
  [
    "count(events) = 1",
    evts([ev("view", "2026-11-29T13:00:00+02:00")]),
    true,
    "timestamps with offsets are instants",
  ],
  ["count(events) = 0", evts([ev("view", "2026-11-29T12:00:00-01:00")]), true, FUTURE],
  ["signup > now", attrs({ signup: at(30 * DAY) }), true, AS_STORED],
  ["scores.churn.score = 87", specProfile, true, AS_STORED, Date.parse("2000-01-01T00:00:00Z")],
  ['country = "US"', specProfile, true, AS_STORED, Date.parse("2000-01-01T00:00:00Z")],
  ["exists(events)", specProfile, false, FUTURE, Date.parse("2026-11-20T09:59:59.999Z")],
  ["exists(events)", specProfile, true, FUTURE, Date.parse("2026-11-20T10:00:00Z")],
];

describe("What an expression sees", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});

const errors: ErrorRow[] = [
  [
    'type = "search"',
    { at: "1:1" },
    "type and timestamp as the first segment of a path outside an event filter are errors",
  ],
  [
    "timestamp < now",
    { at: "1:1" },
    "type and timestamp as the first segment of a path outside an event filter are errors",
  ],
  [
    'type.name = "x"',
    { at: "1:1" },
    "type and timestamp as the first segment of a path outside an event filter are errors",
  ],
  ['`type` = "search"', { at: "1:1" }, "Backticks only quote a name: `type` is still the event type"],
  ["x = 1 and `timestamp` < now", { at: "1:11" }, "Backticks only quote a name"],
  ["`` = 1", { at: "1:1" }, "quoted in backticks (not empty)"],
  ["`a\nb` = 1", { at: ["1:1", "1:3"] }, "quoted in backticks (on one line)"],
  ["x = `abc", { at: ["1:5", "1:9"] }, "quoted in backticks: an unclosed backtick"],
];

describe("What an expression sees: rejected paths", () => {
  it.each(errorCases(errors))("$name", (c) => {
    checkErrorCase(c);
  });
});
