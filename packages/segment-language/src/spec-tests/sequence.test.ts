/** docs/segment-language.md, "Events": `sequence(A, B, …) within D`. */
import { describe, it } from "vitest";
import { ago, at, type Case, cases, checkCase, DAY, ev, evts, HOUR, MINUTE, type Row } from "./fixtures.js";

const ORDER =
  "some choice of events a, b, … satisfies A, B, … in that order with strictly increasing timestamps";
const EQUAL = "equal timestamps do not count as an order";
const WITHIN = "with within, last minus first <= D";
const ANY = "Any choice counts, not only the earliest";
const FUTURE = "events whose timestamp is later than now do not exist for the evaluation";

const AB = 'sequence(events where type = "a", events where type = "b")';
const AB_DAY = `${AB} within 1 day`;
const ABC = 'sequence(events where type = "a", events where type = "b", events where type = "c")';

const rows: Row[] = [
  [AB, evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY))]), true, ORDER],
  [AB, evts([ev("b", ago(2 * DAY)), ev("a", ago(DAY))]), false, ORDER],
  [AB, evts([ev("b", ago(DAY)), ev("a", ago(2 * DAY))]), true, `${ORDER} (timestamps, not stored order)`],
  [AB, evts([ev("a", ago(DAY))]), false, ORDER],
  [AB, evts([]), false, ORDER],
  [AB, evts([ev("a", ago(DAY)), ev("b", ago(DAY))]), false, EQUAL],
  [AB, evts([ev("a", ago(DAY)), ev("b", ago(DAY - 1))]), true, `${ORDER} (one millisecond is an order)`],
  [
    AB,
    evts([ev("a", "2026-11-20T10:00:00Z"), ev("b", "2026-11-20T11:00:00+01:00")]),
    false,
    `${EQUAL} (the same instant)`,
  ],
  [AB, evts([ev("b", ago(3 * DAY)), ev("a", ago(2 * DAY)), ev("b", ago(DAY))]), true, ANY],
  [AB, evts([ev("a", ago(DAY)), ev("b", at(HOUR))]), false, FUTURE],
  [AB, evts([ev("a", ago(DAY)), { type: "b" }]), false, "nor do events with a missing timestamp"],
  [AB, evts([ev("a", ago(2 * DAY)), ev("b", "soon")]), false, "nor do events with an invalid timestamp"],
  [
    'sequence(events where type = "a", events where type = "a")',
    evts([ev("a", ago(DAY))]),
    false,
    `${ORDER} (one event cannot follow itself)`,
  ],
  [
    'sequence(events where type = "a", events where type = "a")',
    evts([ev("a", ago(2 * DAY)), ev("a", ago(DAY))]),
    true,
    ORDER,
  ],
  ["sequence(events, events)", evts([ev("x", ago(2 * DAY)), ev("y", ago(DAY))]), true, ORDER],
  ["sequence(events, events)", evts([ev("x", ago(DAY)), ev("y", ago(DAY))]), false, EQUAL],
  [
    'sequence(events, events where type = "b")',
    evts([ev("b", ago(2 * DAY)), ev("b", ago(DAY))]),
    true,
    ORDER,
  ],

  // Three steps.
  [ABC, evts([ev("a", ago(3 * DAY)), ev("b", ago(2 * DAY)), ev("c", ago(DAY))]), true, ORDER],
  [ABC, evts([ev("a", ago(3 * DAY)), ev("c", ago(2 * DAY)), ev("b", ago(DAY))]), false, ORDER],
  [ABC, evts([ev("a", ago(3 * DAY)), ev("b", ago(DAY)), ev("c", ago(DAY))]), false, EQUAL],
  [
    ABC,
    evts([ev("a", ago(5 * DAY)), ev("c", ago(4 * DAY)), ev("b", ago(3 * DAY)), ev("c", ago(2 * DAY))]),
    true,
    ANY,
  ],
  [
    ABC,
    evts([
      ev("b", ago(5 * DAY)),
      ev("a", ago(4 * DAY)),
      ev("c", ago(3 * DAY)),
      ev("b", ago(2 * DAY)),
      ev("c", ago(DAY)),
    ]),
    true,
    ANY,
  ],

  // within: last minus first <= D.
  [AB_DAY, evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY))]), true, `${WITHIN} (exactly D)`],
  [AB_DAY, evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY - 1))]), false, WITHIN],
  [AB_DAY, evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY + 1))]), true, WITHIN],
  [AB_DAY, evts([ev("a", ago(DAY)), ev("b", ago(DAY))]), false, `${EQUAL}, even within D`],
  [`${AB} within 90 minutes`, evts([ev("a", ago(2 * HOUR)), ev("b", ago(30 * MINUTE))]), true, WITHIN],
  [`${AB} within 90 minutes`, evts([ev("a", ago(2 * HOUR)), ev("b", ago(30 * MINUTE - 1))]), false, WITHIN],
  [`${AB} within 1 week`, evts([ev("a", ago(8 * DAY)), ev("b", ago(DAY))]), true, WITHIN],
  [
    `${ABC} within 2 days`,
    evts([ev("a", ago(3 * DAY)), ev("b", ago(2 * DAY)), ev("c", ago(DAY))]),
    true,
    WITHIN,
  ],
  [
    `${ABC} within 2 days`,
    evts([ev("a", ago(3 * DAY)), ev("b", ago(2 * DAY)), ev("c", ago(DAY - 1))]),
    false,
    WITHIN,
  ],
  [
    `${ABC} within 1 day`,
    evts([ev("a", ago(3 * DAY)), ev("b", ago(2.5 * DAY)), ev("c", ago(2 * DAY))]),
    true,
    WITHIN,
  ],
  [`${AB} within 0 days`, evts([ev("a", ago(2 * DAY)), ev("b", ago(DAY))]), false, WITHIN],
  [
    AB_DAY,
    evts([ev("a", ago(6 * DAY)), ev("a", ago(2 * DAY)), ev("b", ago(1.5 * DAY))]),
    true,
    `${ANY}: the earliest a is too early, a later a is within`,
  ],
  [
    AB_DAY,
    evts([ev("a", ago(6 * DAY)), ev("b", ago(5.5 * DAY)), ev("b", ago(DAY))]),
    true,
    `${ANY}: the earliest b after a works`,
  ],
  [
    AB_DAY,
    evts([ev("a", ago(6 * DAY)), ev("b", ago(4 * DAY)), ev("a", ago(2 * DAY)), ev("b", ago(1.5 * DAY))]),
    true,
    `${ANY}: the earliest pair is too far apart, a later pair is within`,
  ],
  [
    `${ABC} within 1 day`,
    evts([
      ev("a", ago(10 * DAY)),
      ev("b", ago(9 * DAY)),
      ev("a", ago(3 * DAY)),
      ev("b", ago(2.9 * DAY)),
      ev("c", ago(2.5 * DAY)),
    ]),
    true,
    `${ANY}: three steps, the earliest a and b fail within`,
  ],
  [
    `${ABC} within 1 day`,
    evts([ev("a", ago(3 * DAY)), ev("b", ago(2.8 * DAY)), ev("b", ago(2.1 * DAY)), ev("c", ago(2.05 * DAY))]),
    true,
    ANY,
  ],
  [
    `${ABC} within 1 day`,
    evts([ev("a", ago(3 * DAY)), ev("b", ago(2.8 * DAY)), ev("c", ago(1.9 * DAY))]),
    false,
    WITHIN,
  ],
];

describe("Meaning: sequence", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
