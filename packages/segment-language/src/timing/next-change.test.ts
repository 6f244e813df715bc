/**
 * `nextChangeInstant`, one row per form that changes with time alone (docs/segment-language.md,
 * "When a membership can change with time alone"). Each row gives the instant expected: the
 * exact instant of the change where the analysis is exact, so that these rows also show it is
 * not needlessly early. Every expected instant is checked against the reference interpreter:
 * the memberships at `now` hold until just before it, and (for `changes` rows) differ at it.
 */
import { describe, expect, it } from "vitest";
import { checkSegments, nextChangeInstant, type Profile, type ProfileEvent } from "../index.js";
import { interpret } from "../testing/index.js";

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

const iso = (ms: number) => new Date(ms).toISOString();
const ev = (type: string, ms: number, properties: Record<string, unknown> = {}): ProfileEvent => ({
  type,
  timestamp: iso(ms),
  properties,
});

interface Row {
  name: string;
  /** One segment `s`, or several (`[id, definition]`). */
  segments: string | [string, string][];
  attributes?: Record<string, unknown>;
  events?: ProfileEvent[];
  now?: number;
  /** Which segments matter (all when absent). */
  ids?: string[];
  /** The answer, undefined for "never". */
  expected: number | undefined;
  /** The memberships differ at `expected` (the instant is a real change, not just a bound). */
  changes?: boolean;
}

function run(row: Row) {
  const defs =
    typeof row.segments === "string"
      ? [{ id: "s", definition: row.segments }]
      : row.segments.map(([id, definition]) => ({ id, definition }));
  const checked = checkSegments(defs);
  expect(checked.errors).toEqual([]);
  const profile: Profile = { id: "p", attributes: row.attributes ?? {}, events: row.events ?? [] };
  const now = row.now ?? NOW;
  const answer = nextChangeInstant(checked, profile, now, row.ids);
  const asts = checked.segments.map((s) => ({ id: s.id, ast: s.ast }));
  const wanted = row.ids ?? asts.map((s) => s.id);
  const members = (t: number) => {
    const all = interpret(asts, profile, t);
    return wanted.map((id) => all[asts.findIndex((s) => s.id === id)]);
  };
  return { answer, now, members };
}

/** Rows share the same checks: the expected answer, no change before it, a change at it. */
function checkRows(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r] as const))("%s", (_, row) => {
    const { answer, now, members } = run(row);
    expect(answer === undefined ? undefined : iso(answer)).toBe(
      row.expected === undefined ? undefined : iso(row.expected),
    );
    const before = members(now);
    if (answer === undefined) {
      for (const later of [HOUR, DAY, 30 * DAY, YEAR, 20 * YEAR])
        expect(members(now + later)).toEqual(before);
      return;
    }
    expect(members(answer - 1)).toEqual(before);
    if (row.changes) expect(members(answer)).not.toEqual(before);
  });
}

describe("within last", () => {
  const last = NOW - DAY - 5 * HOUR;
  checkRows([
    {
      name: "an event 2 hours old leaves a 1-day window 1 day after it",
      segments: "exists(events where timestamp within last 1 day)",
      events: [ev("a", NOW - 2 * HOUR)],
      expected: NOW - 2 * HOUR + DAY,
      changes: true,
    },
    {
      name: "an event already out of the window never comes back",
      segments: "exists(events where timestamp within last 1 day)",
      events: [ev("a", NOW - 2 * DAY)],
      expected: undefined,
    },
    {
      name: "a later event enters the window at its timestamp",
      segments: "exists(events where timestamp within last 1 day)",
      events: [ev("a", NOW + 3 * HOUR)],
      expected: NOW + 3 * HOUR,
      changes: true,
    },
    {
      name: "an attribute string leaves the window",
      segments: "lastLogin within last 2 days",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY,
      changes: true,
    },
    {
      name: "a stored date (BSON) leaves the window",
      segments: "lastLogin within last 2 days",
      attributes: { lastLogin: new Date(last) },
      expected: last + 2 * DAY,
      changes: true,
    },
    {
      name: "an array holds while some element is in the window: it changes when the last one leaves",
      segments: "logins within last 2 days",
      attributes: { logins: [iso(last), iso(NOW - HOUR), "nonsense"] },
      expected: NOW - HOUR + 2 * DAY,
      changes: true,
    },
    {
      name: "an attribute later than now enters the window at its instant",
      segments: "renewal within last 7 days",
      attributes: { renewal: iso(NOW + 2 * DAY) },
      expected: NOW + 2 * DAY,
      changes: true,
    },
    {
      name: "within last 0 days is never true",
      segments: "lastLogin within last 0 days",
      attributes: { lastLogin: iso(NOW + DAY) },
      expected: undefined,
    },
    {
      name: "now is always within the last minute",
      segments: "now within last 1 minute",
      expected: undefined,
    },
  ]);
});

describe("arithmetic and comparisons with now", () => {
  const last = NOW - DAY;
  checkRows([
    {
      name: "now - x > 7 days: true 1 ms after x + 7 days",
      segments: "now - lastLogin > 7 days",
      attributes: { lastLogin: iso(last) },
      expected: last + 7 * DAY + 1,
      changes: true,
    },
    {
      name: "now - x >= 7 days: true at x + 7 days",
      segments: "now - lastLogin >= 7 days",
      attributes: { lastLogin: iso(last) },
      expected: last + 7 * DAY,
      changes: true,
    },
    {
      name: "x > now - 3 days: false at x + 3 days",
      segments: "lastLogin > now - 3 days",
      attributes: { lastLogin: iso(last) },
      expected: last + 3 * DAY,
      changes: true,
    },
    {
      name: 'date("…") < now: true 1 ms after the date',
      segments: 'date("2026-07-01") < now',
      expected: Date.UTC(2026, 6, 1) + 1,
      changes: true,
    },
    {
      name: 'a string read as an instant: "2026-07-01" <= now at the date',
      segments: '"2026-07-01" <= now',
      expected: Date.UTC(2026, 6, 1),
      changes: true,
    },
    {
      name: "now = x: true for exactly 1 ms",
      segments: "now = launch",
      attributes: { launch: iso(NOW + HOUR) },
      expected: NOW + HOUR,
      changes: true,
    },
    {
      name: "now = x, at x: false again 1 ms later",
      segments: "now = launch",
      attributes: { launch: iso(NOW) },
      expected: NOW + 1,
      changes: true,
    },
    {
      name: "now between two dates: true at the first",
      segments: 'now between date("2026-07-01") and date("2026-07-31")',
      expected: Date.UTC(2026, 6, 1),
      changes: true,
    },
    {
      name: "now between two dates, inside: false 1 ms after the second",
      segments: 'now between date("2026-06-01") and date("2026-06-30")',
      expected: Date.UTC(2026, 5, 30) + 1,
      changes: true,
    },
    {
      name: "now - 1 day in a list of dates",
      segments: 'now - 1 day in [date("2026-06-20"), date("2026-06-18")]',
      expected: Date.UTC(2026, 5, 19),
      changes: true,
    },
    {
      name: "a duration growing twice as fast: (now - x) + (now - x) > 4 days",
      segments: "(now - lastLogin) + (now - lastLogin) > 4 days",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY + 1,
      changes: true,
    },
    {
      name: "x - now < -(2 days) (a negative slope)",
      segments: "lastLogin - now < -(2 days)",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY + 1,
      changes: true,
    },
    {
      name: "timestamp > now - 3 days inside a filter",
      segments: 'count(events where type = "visit" and timestamp > now - 3 days) = 2',
      events: [ev("visit", NOW - HOUR), ev("visit", NOW - 2 * DAY), ev("other", NOW - HOUR)],
      expected: NOW - 2 * DAY + 3 * DAY,
      changes: true,
    },
    {
      name: "now - now is a fixed duration",
      segments: "now - now = 0 days and now + 1 day > now",
      expected: undefined,
    },
    {
      name: "instants compared with a number never compare",
      segments: "now > 5 or now - 1 day = 3",
      expected: undefined,
    },
  ]);
});

describe("daysSince", () => {
  const last = NOW - DAY - 5 * HOUR;
  checkRows([
    {
      name: "daysSince(x) >= 3 at x + 3 days, not at every day",
      segments: "daysSince(lastLogin) >= 3",
      attributes: { lastLogin: iso(last) },
      expected: last + 3 * DAY,
      changes: true,
    },
    {
      name: "daysSince(x) = 1 stops at x + 2 days",
      segments: "daysSince(lastLogin) = 1",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY,
      changes: true,
    },
    {
      name: "a bound on the left: 3 < daysSince(x)",
      segments: "3 < daysSince(lastLogin)",
      attributes: { lastLogin: iso(last) },
      expected: last + 4 * DAY,
      changes: true,
    },
    {
      name: "daysSince(x) >= 1, already: forever",
      segments: "daysSince(lastLogin) >= 1",
      attributes: { lastLogin: iso(last) },
      expected: undefined,
    },
    {
      name: "daysSince(x) in arithmetic: every step counts",
      segments: "daysSince(lastLogin) * 2 > 10",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY,
    },
    {
      name: "the spec's lapsed buyer: daysSince(max(purchase timestamps)) > 60",
      segments: 'daysSince(max(events.timestamp where type = "purchase")) > 60',
      events: [ev("purchase", NOW - 10 * DAY), ev("purchase", NOW - 40 * DAY), ev("view", NOW - HOUR)],
      expected: NOW - 10 * DAY + 61 * DAY,
      changes: true,
    },
    {
      name: "the lapsed buyer with a purchase on its way: the purchase comes first",
      segments: 'daysSince(max(events.timestamp where type = "purchase")) > 60',
      events: [ev("purchase", NOW - 10 * DAY), ev("purchase", NOW + 20 * DAY)],
      expected: NOW + 20 * DAY,
    },
    {
      name: "daysSince of a future instant is negative and grows",
      segments: "daysSince(trialEnd) >= 0",
      attributes: { trialEnd: iso(NOW + 36 * HOUR) },
      expected: NOW + 36 * HOUR,
      changes: true,
    },
    {
      name: "a moving argument: daysSince(2·x − now) steps every 12 hours",
      segments: "daysSince(lastLogin - (now - lastLogin)) = 2",
      attributes: { lastLogin: iso(last) },
      expected: last + 36 * HOUR,
      changes: true,
    },
    {
      name: "a moving argument falling: daysSince(now + (now − x)) = x − now in days",
      segments: "daysSince(now + (now - lastLogin)) = -2",
      attributes: { lastLogin: iso(last) },
      expected: last + 48 * HOUR + 1,
      changes: true,
    },
    {
      name: "a fractional bound: daysSince(x) > 1.5 is daysSince(x) >= 2",
      segments: "daysSince(lastLogin) > 1.5",
      attributes: { lastLogin: iso(last) },
      expected: last + 2 * DAY,
      changes: true,
    },
    {
      name: "daysSince(now - 1 day) is always 1",
      segments: "daysSince(now - 1 day) = 1",
      expected: undefined,
    },
  ]);
});

describe("yearsSince", () => {
  checkRows([
    {
      name: "an 18th birthday",
      segments: "yearsSince(birthDate) >= 18",
      attributes: { birthDate: "2008-06-20" },
      expected: Date.UTC(2026, 5, 20),
      changes: true,
    },
    {
      name: "an adult stays one",
      segments: "yearsSince(birthDate) >= 18",
      attributes: { birthDate: "1990-05-01" },
      expected: undefined,
    },
    {
      name: "exactly 17: until the next birthday",
      segments: "yearsSince(birthDate) = 17",
      attributes: { birthDate: "2008-06-20" },
      expected: Date.UTC(2026, 5, 20),
      changes: true,
    },
    {
      name: "29 February in a common year: the birthday is 28 February",
      segments: "yearsSince(birthDate) >= 18",
      attributes: { birthDate: "2008-02-29" },
      now: Date.UTC(2026, 1, 27, 12),
      expected: Date.UTC(2026, 1, 28),
      changes: true,
    },
    {
      name: "29 February in a leap year: the birthday is 29 February",
      segments: "yearsSince(birthDate) >= 20",
      attributes: { birthDate: "2004-02-29" },
      now: Date.UTC(2024, 1, 28, 12),
      expected: Date.UTC(2024, 1, 29),
      changes: true,
    },
    {
      name: "a birth instant with a time of day",
      segments: "yearsSince(birthDate) > 17",
      attributes: { birthDate: "2008-06-20T15:30:00+02:00" },
      expected: Date.UTC(2026, 5, 20, 13, 30),
      changes: true,
    },
    {
      name: "yearsSince(now - 365 days) drops to 0 when now - 365 days skips 29 February",
      segments: "yearsSince(now - 365 days) = 1",
      now: Date.UTC(2024, 1, 28, 12),
      expected: Date.UTC(2024, 1, 29),
      changes: true,
    },
    {
      // Always 1 in fact; the analysis only knows it cannot change before the date of now - 400 days does.
      name: "yearsSince(now - 400 days) may change only with the date of now - 400 days",
      segments: "yearsSince(now - 400 days) = 1",
      expected: NOW + 12 * HOUR,
    },
  ]);
});

describe("events that come into existence", () => {
  checkRows([
    {
      name: "a purchase later than now is counted at its timestamp",
      segments: 'count(events where type = "purchase") >= 1',
      events: [ev("purchase", NOW + 5 * HOUR)],
      expected: NOW + 5 * HOUR,
      changes: true,
    },
    {
      name: "exists already true: a later purchase changes nothing",
      segments: 'exists(events where type = "purchase")',
      events: [ev("purchase", NOW - DAY), ev("purchase", NOW + 5 * HOUR)],
      expected: undefined,
    },
    {
      name: "a later event the filter rejects does not matter",
      segments: 'count(events where type = "purchase") > 0',
      events: [ev("view", NOW + HOUR)],
      expected: undefined,
    },
    {
      name: "a later event that will not match any more: a window already closed at its timestamp",
      segments: 'exists(events where timestamp < date("2026-06-16"))',
      events: [ev("view", NOW + 2 * DAY)],
      expected: undefined,
    },
    {
      name: "sum over all events: any event counts",
      segments: "sum(events.revenue) > 100",
      events: [ev("purchase", NOW - DAY, { revenue: 50 }), ev("purchase", NOW + DAY, { revenue: 80 })],
      expected: NOW + DAY,
      changes: true,
    },
    {
      name: "an event with an invalid timestamp never exists",
      segments: "count(events) = 0",
      events: [{ type: "x", timestamp: "2026-02-30" }],
      expected: undefined,
    },
  ]);
});

describe("aggregates and sequences over windows", () => {
  const days = [0, 1, 2, 3].map((k) => NOW - k * DAY - HOUR);
  checkRows([
    {
      name: "count(...) >= 2 over 4 events in a 7-day window: when the third leaves, not the first",
      segments: "count(events where timestamp within last 7 days) >= 2",
      events: days.map((t) => ev("visit", t)),
      expected: days[1]! + 7 * DAY,
      changes: true,
    },
    {
      name: "a fractional bound: count(...) > 1.5 is count(...) >= 2",
      segments: "count(events where timestamp within last 7 days) > 1.5",
      events: days.slice(0, 3).map((t) => ev("visit", t)),
      expected: days[1]! + 7 * DAY,
      changes: true,
    },
    {
      name: "count(...) <= 1.5 with 2 events: when the first leaves",
      segments: "count(events where timestamp within last 7 days) <= 1.5",
      events: days.slice(0, 2).map((t) => ev("visit", t)),
      expected: days[1]! + 7 * DAY,
      changes: true,
    },
    {
      name: "count(...) = 2 with 1 event and 2 on their way: when the first enters",
      segments: "count(events) = 2",
      events: [ev("a", NOW - DAY), ev("a", NOW + DAY), ev("a", NOW + 2 * DAY)],
      expected: NOW + DAY,
      changes: true,
    },
    {
      name: "count(...) != 2 with 2 events and 1 on its way: when it enters",
      segments: "count(events) != 2",
      events: [ev("a", NOW - DAY), ev("a", NOW - HOUR), ev("a", NOW + 2 * DAY)],
      expected: NOW + 2 * DAY,
      changes: true,
    },
    {
      name: "count(...) < 2 with one event: when a later one enters",
      segments: "count(events where timestamp within last 7 days) < 2",
      events: [ev("visit", NOW - DAY), ev("visit", NOW + 3 * DAY), ev("visit", NOW + DAY)],
      expected: NOW + DAY,
      changes: true,
    },
    {
      name: "sum in a 30-day window: when the first event leaves",
      segments: 'sum(events.revenue where type = "purchase" and timestamp within last 30 days) > 500',
      events: [
        ev("purchase", NOW - 20 * DAY, { revenue: 400 }),
        ev("purchase", NOW - 5 * DAY, { revenue: 200 }),
      ],
      expected: NOW + 10 * DAY,
      changes: true,
    },
    {
      name: "max(timestamp) < now - 30 days",
      segments: "max(events.timestamp) < now - 30 days",
      events: [ev("a", NOW - 40 * DAY), ev("b", NOW - 20 * DAY)],
      expected: NOW - 20 * DAY + 30 * DAY + 1,
      changes: true,
    },
    {
      name: "not exists(purchase in the last 30 days): true again when it leaves",
      segments: 'not exists(events where type = "purchase" and timestamp within last 30 days)',
      events: [ev("purchase", NOW - 10 * DAY)],
      expected: NOW + 20 * DAY,
      changes: true,
    },
    {
      name: "a sequence completed by a later event",
      segments: 'sequence(events where type = "view", events where type = "cart") within 1 day',
      events: [ev("view", NOW - HOUR), ev("cart", NOW + HOUR)],
      expected: NOW + HOUR,
      changes: true,
    },
    {
      name: "a sequence that holds until its first step leaves a window",
      segments:
        'sequence(events where type = "view" and timestamp within last 1 day, events where type = "cart")',
      events: [ev("view", NOW - 3 * HOUR), ev("cart", NOW - HOUR), ev("cart", NOW + HOUR)],
      expected: NOW - 3 * HOUR + DAY,
      changes: true,
    },
    {
      name: "a sequence that cannot hold: a later event that matches no step",
      segments: 'sequence(events where type = "view", events where type = "cart")',
      events: [ev("cart", NOW - HOUR), ev("other", NOW + HOUR)],
      expected: undefined,
    },
  ]);
});

describe("inSegment", () => {
  const recent: [string, string] = ["recent", "exists(events where timestamp within last 1 day)"];
  const events = [ev("a", NOW - 2 * HOUR)];
  checkRows([
    {
      name: "a segment reading a time-dependent one changes with it",
      segments: [recent, ["us-recent", 'inSegment("recent") and country = "US"']],
      attributes: { country: "US" },
      events,
      ids: ["us-recent"],
      expected: NOW - 2 * HOUR + DAY,
      changes: true,
    },
    {
      name: "...unless its other condition decides it",
      segments: [recent, ["us-recent", 'inSegment("recent") and country = "US"']],
      attributes: { country: "FR" },
      events,
      ids: ["us-recent"],
      expected: undefined,
    },
    {
      name: "only the segments asked about count",
      segments: [recent, ["us", 'country = "US"']],
      attributes: { country: "US" },
      events,
      ids: ["us"],
      expected: undefined,
    },
    {
      name: "inSegment inside an event filter",
      segments: [recent, ["both", 'exists(events where type = "a" and inSegment("recent"))']],
      events,
      ids: ["both"],
      expected: NOW - 2 * HOUR + DAY,
      changes: true,
    },
  ]);
});

describe("nothing depends on time", () => {
  checkRows([
    {
      name: "attributes only",
      segments: 'country = "US" and loyalty.points > 10',
      attributes: { country: "US", loyalty: { points: 20 } },
      expected: undefined,
    },
    {
      name: "events, none later than now",
      segments: 'count(events where type = "x") >= 2',
      events: [ev("x", NOW - DAY), ev("x", NOW - 2 * DAY)],
      expected: undefined,
    },
    {
      name: "a false and decides before its time-dependent part",
      segments: 'country = "FR" and exists(events where timestamp within last 1 day)',
      attributes: { country: "US" },
      events: [ev("a", NOW - HOUR)],
      expected: undefined,
    },
    {
      name: "a true or decides before its time-dependent part",
      segments: 'country = "US" or daysSince(lastLogin) > 3',
      attributes: { country: "US", lastLogin: iso(NOW - DAY) },
      expected: undefined,
    },
    {
      name: "a missing operand is missing at every instant",
      segments: "nothing within last 3 days or daysSince(nothing) > 1 or now - nothing > 1 day",
      expected: undefined,
    },
  ]);
});

describe("arithmetic the analysis does not follow exactly", () => {
  it("a fractional duration gives an answer at most a few ms early, never late", () => {
    // 0.0000001 minutes is 0.006 ms: the window closes between two milliseconds.
    const last = NOW - 5 * MINUTE;
    const row: Row = {
      name: "fractional",
      segments: "lastLogin + 5.0000001 minutes > now",
      attributes: { lastLogin: iso(last) },
      expected: undefined,
    };
    const { answer, now, members } = run(row);
    expect(answer).toBeDefined();
    expect(answer!).toBeGreaterThanOrEqual(now + 1);
    expect(answer!).toBeLessThanOrEqual(now + 1);
    const before = members(now);
    for (let t = now + 1; t < answer!; t++) expect(members(t)).toEqual(before);
    expect(members(now + 1)).not.toEqual(before);
  });
});

describe("arguments", () => {
  const checked = checkSegments([{ id: "s", definition: "now within last 1 day" }]);
  it("refuses an unknown segment id", () => {
    expect(() => nextChangeInstant(checked, { id: "p" }, NOW, ["nope"])).toThrow(RangeError);
  });
  it("refuses a now that is not integer milliseconds", () => {
    expect(() => nextChangeInstant(checked, { id: "p" }, NOW + 0.5)).toThrow(RangeError);
  });
  it("refuses a set with errors, as compileSegments does", () => {
    expect(() =>
      nextChangeInstant(checkSegments([{ id: "s", definition: "a >" }]), { id: "p" }, NOW),
    ).toThrow(/segment "s"/);
  });
});
