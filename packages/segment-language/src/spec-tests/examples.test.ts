/** The language's example segments (Adobe's running-shoes audience and others): each checks, and holds exactly where it should. */
import { describe, expect, it } from "vitest";
import type { Profile, ProfileEvent } from "../index.js";
import { ago, attrs, DAY, errorsOf, ev, evts, HOUR, membership, specProfile } from "./fixtures.js";

const ADOBE = `# Adobe's example: searched for running shoes in the last 30 days,
# and no purchase in the last 30 days
exists(events where type = "search" and keywords contains "running shoes"
       and timestamp within last 30 days)
and not exists(events where type = "purchase" and timestamp within last 30 days)`;

const LOYAL = 'loyalty.tier in ["gold", "platinum"] and country = "US" and yearsSince(birthDate) >= 18';
const SPENDERS = 'sum(events.revenue where type = "purchase" and timestamp within last 90 days) > 500';
const LAPSED = 'daysSince(max(events.timestamp where type = "purchase")) > 60';
const CARTS = 'sequence(events where type = "productView", events where type = "addToCart") within 1 day';
const AT_RISK = 'inSegment("high-value") and scores.churn.score >= 80';
const REACHABLE = 'tags != "unsubscribed" and email is not null';

/** The segment AT_RISK refers to. */
const HIGH_VALUE = { id: "high-value", definition: 'sum(events.revenue where type = "purchase") > 1000' };

const search = (daysAgo: number, keywords = "running shoes") =>
  ev("search", ago(daysAgo * DAY), { keywords });
const purchase = (daysAgo: number, revenue = 0) => ev("purchase", ago(daysAgo * DAY), { revenue });
const withEvents = (profile: Profile, ...events: ProfileEvent[]): Profile => ({ ...profile, events });

type ExampleRow = readonly [definition: string, profile: Profile, expected: boolean, why: string];

const rows: ExampleRow[] = [
  [ADOBE, specProfile, true, "the spec's profile searched 9 days ago and bought nothing"],
  [ADOBE, withEvents(specProfile, search(9), purchase(3)), false, "a purchase 3 days ago"],
  [ADOBE, withEvents(specProfile, search(9), purchase(31)), true, "the purchase is older than 30 days"],
  [ADOBE, withEvents(specProfile, search(31)), false, "the search is older than 30 days"],
  [
    ADOBE,
    withEvents(specProfile, search(2, "trail running shoes for women")),
    true,
    "contains is a substring test",
  ],
  [ADOBE, withEvents(specProfile, search(2, "running boots")), false, "different keywords"],
  [
    ADOBE,
    withEvents(specProfile, ev("view", ago(2 * DAY), { keywords: "running shoes" })),
    false,
    "not a search",
  ],
  [ADOBE, attrs({}), false, "no events at all"],

  [LOYAL, specProfile, true, "gold, US, born 1990"],
  [LOYAL, attrs({ loyalty: { tier: "platinum" }, country: "US", birthDate: "2008-11-29" }), true, "18 today"],
  [
    LOYAL,
    attrs({ loyalty: { tier: "platinum" }, country: "US", birthDate: "2008-11-30" }),
    false,
    "18 tomorrow",
  ],
  [LOYAL, attrs({ loyalty: { tier: "silver" }, country: "US", birthDate: "1990-05-01" }), false, "silver"],
  [LOYAL, attrs({ loyalty: { tier: "gold" }, country: "FR", birthDate: "1990-05-01" }), false, "not US"],
  [
    LOYAL,
    attrs({ loyalty: { tier: "gold" }, country: "US" }),
    false,
    "no birth date: missing, so >= is false",
  ],

  [SPENDERS, evts([purchase(10, 300), purchase(80, 250)]), true, "550 in the last 90 days"],
  [SPENDERS, evts([purchase(10, 300), purchase(100, 250)]), false, "one purchase is older than 90 days"],
  [SPENDERS, evts([purchase(10, 300), ev("refund", ago(DAY), { revenue: 250 })]), false, "not a purchase"],
  [SPENDERS, evts([purchase(10, 500)]), false, "500 is not > 500"],
  [SPENDERS, attrs({}), false, "sum of none is 0"],

  [LAPSED, evts([purchase(61), purchase(70)]), true, "last purchase 61 days ago"],
  [LAPSED, evts([purchase(61), purchase(10)]), false, "last purchase 10 days ago"],
  [LAPSED, evts([purchase(60)]), false, "exactly 60 days is not > 60"],
  [LAPSED, evts([ev("view", ago(100 * DAY))]), false, "no purchase: max of none is missing"],

  [
    CARTS,
    evts([ev("productView", ago(2 * DAY)), ev("addToCart", ago(2 * DAY - HOUR))]),
    true,
    "an hour apart",
  ],
  [CARTS, evts([ev("productView", ago(5 * DAY)), ev("addToCart", ago(2 * DAY))]), false, "three days apart"],
  [CARTS, evts([ev("addToCart", ago(2 * DAY)), ev("productView", ago(DAY))]), false, "wrong order"],
  [
    CARTS,
    evts([ev("productView", ago(5 * DAY)), ev("productView", ago(2 * DAY)), ev("addToCart", ago(1.5 * DAY))]),
    true,
    "a later view counts",
  ],

  [AT_RISK, withEvents(specProfile, purchase(5, 1500)), true, "high value and churn score 87"],
  [AT_RISK, specProfile, false, "not high value"],
  [
    AT_RISK,
    { ...withEvents(specProfile, purchase(5, 1500)), scores: { churn: { score: 50 } } },
    false,
    "low churn",
  ],
  [AT_RISK, { id: "p", events: [purchase(5, 1500)] }, false, "no scores"],

  [REACHABLE, attrs({ tags: ["runner"], email: "a@b.c" }), true, "not unsubscribed, has email"],
  [REACHABLE, attrs({ tags: ["runner", "unsubscribed"], email: "a@b.c" }), false, "unsubscribed"],
  [REACHABLE, attrs({ tags: [], email: "a@b.c" }), true, "no tags: an empty array is present"],
  [REACHABLE, attrs({ tags: "vip", email: "a@b.c" }), true, "a string tag"],
  [REACHABLE, attrs({ email: "a@b.c" }), false, "tags missing: != is false"],
  [REACHABLE, attrs({ tags: ["runner"] }), false, "no email"],
  [REACHABLE, attrs({ tags: ["runner"], email: null }), false, "null email"],
];

describe("Examples", () => {
  it.each([ADOBE, LOYAL, SPENDERS, LAPSED, CARTS, AT_RISK, REACHABLE])("%s checks", (definition) => {
    expect(errorsOf([{ id: "s", definition }, HIGH_VALUE])).toEqual([]);
  });

  it.each(rows.map(([definition, profile, expected, why]) => ({ definition, profile, expected, why })))(
    "$definition → $expected ($why)",
    ({ definition, profile, expected }) => {
      const result = membership([{ id: "s", definition }, HIGH_VALUE], profile);
      expect(result.s).toBe(expected);
    },
  );
});
