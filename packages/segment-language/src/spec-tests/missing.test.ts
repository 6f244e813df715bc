/** docs/segment-language.md, "Missing values": missing operands, is null, two-valued not, list elements. */
import { describe, it } from "vitest";
import { ago, attrs, bare, type Case, cases, checkCase, DAY, nulls, type Row } from "./fixtures.js";

const MISSING = "A path that is absent or null is missing";
const FALSE_WHEN = "Every comparison form is false when any of its operands or bounds is missing";
const ONLY_IS_NULL = "Only is null / is not null test for missing";
const NOT = "prefix not negates a boolean result (two-valued logic)";
const NOT_EXAMPLE =
  'not (country = "US") is true for a profile with no country, while country != "US" is false for it';
const LIST_ELEMENT = "A missing list element matches nothing and does not by itself make in or not in false";
const NEGATED =
  "On a present non-array operand, not in and not between are not (… in …) and not (… between …)";

/** `m` is absent, `n` is null; everything else is present. */
const p = attrs({
  n: null,
  x: 1,
  s: "abc",
  d: ago(DAY),
  tags: ["a", "b"],
  e: "",
  z: 0,
  f: false,
  empty: [],
  obj: {},
  nested: { n: null },
});

/** Each missing operand: absent, null, absent inside an object, null inside an object, through a scalar. */
const MISSINGS = ["m", "n", "nested.m", "nested.n", "x.y", "s.length", "n.y"];

/** Comparison forms with `M` standing for the missing operand (left, right, bound). */
const FORMS = [
  "M = 1",
  "M != 1",
  "M < 1",
  "M <= 1",
  "M > 1",
  "M >= 1",
  "M in [1]",
  "M not in [1]",
  "M not in []",
  "M between 0 and 2",
  "M not between 0 and 2",
  "M not between 2 and 0",
  'M contains "a"',
  'M starts with "a"',
  'M ends with "a"',
  "M within last 3 days",
  "1 = M",
  "1 != M",
  "1 < M",
  "1 <= M",
  "1 > M",
  "1 >= M",
  "now > M",
  "M = M",
  "M != M",
  "M != n",
  "s contains M",
  "tags contains M",
  "s starts with M",
  "s ends with M",
  "tags = M",
  "tags != M",
  "x between M and 2",
  "x between 0 and M",
  "x not between M and 2",
  "x not between 0 and M",
  "x not between M and M",
  "tags not between M and 2",
  "empty != M",
];

const rows: Row[] = [
  ...MISSINGS.flatMap((m) =>
    FORMS.map((form): Row => [form.replaceAll("M", m), p, false, `${FALSE_WHEN} (${m})`]),
  ),
  ...MISSINGS.flatMap((m): Row[] => [
    [`${m} is null`, p, true, `${MISSING}; ${ONLY_IS_NULL}`],
    [`${m} is not null`, p, false, `${MISSING}; ${ONLY_IS_NULL}`],
    [`not (${m} = 1)`, p, true, NOT],
    [`not (${m} != 1)`, p, true, NOT],
    [`not (${m} in [1])`, p, true, NOT],
    [`not (${m} not in [1])`, p, true, NOT],
    [`not (${m} between 0 and 2)`, p, true, NOT],
    [`not ${m}`, p, true, `${NOT}; a path in a boolean position is true exactly when its value is true`],
  ]),

  // Present values are not missing, whatever they are.
  ...["x", "s", "d", "tags", "e", "z", "f", "empty", "obj", "nested"].flatMap((v): Row[] => [
    [`${v} is null`, p, false, ONLY_IS_NULL],
    [`${v} is not null`, p, true, ONLY_IS_NULL],
  ]),
  ["loyalty.nothing is null", attrs({ loyalty: { tier: "gold" } }), true, MISSING],
  ["country.code is null", attrs({ country: "US" }), true, `${MISSING} (a path through a string)`],

  // Computed values can be missing too.
  ["1 / 0 = 1 / 0", p, false, `${FALSE_WHEN} (division by zero is missing)`],
  ["1 / 0 != 1", p, false, FALSE_WHEN],
  ["(1 / 0) is null", p, true, ONLY_IS_NULL],
  ['lower(5) != "a"', p, false, `${FALSE_WHEN} (a function of the wrong type is missing)`],
  ["avg(events.v) != 1", p, false, `${FALSE_WHEN} (avg of none is missing)`],
  ["avg(events.v) is null", p, true, ONLY_IS_NULL],
  ["(m = 1) is not null", p, true, `${FALSE_WHEN}: a comparison is false, never missing`],
  ["(m = 1) = false", p, true, `${FALSE_WHEN}: a comparison is false, never missing`],

  // Two-valued not: the spec's own example.
  ['not (country = "US")', bare, true, NOT_EXAMPLE],
  ['country != "US"', bare, false, NOT_EXAMPLE],
  ['not (country = "US")', nulls, true, NOT_EXAMPLE],
  ['country != "US"', nulls, false, NOT_EXAMPLE],
  ['not (country = "US")', attrs({ country: null }), true, NOT_EXAMPLE],
  ['country != "US"', attrs({ country: null }), false, NOT_EXAMPLE],
  ['not (country = "US")', attrs({ country: "FR" }), true, NOT],
  ['country != "US"', attrs({ country: "FR" }), true, NOT],
  ['not not (country = "US")', bare, false, NOT],
  ["m = 1 or true", p, true, NOT],
  ["not (m = 1 or m != 1)", p, true, `${NOT}: no unknown, so no third value`],
  ["exists(events)", nulls, false, MISSING],
  ["scores.churn.score is null", nulls, true, MISSING],
  ["country is null", nulls, true, MISSING],
  ["id is null", bare, false, "id is the profile id"],

  // Missing list elements.
  ["x in [m, 1]", p, true, LIST_ELEMENT],
  ["x in [1, n]", p, true, LIST_ELEMENT],
  ["x in [m]", p, false, LIST_ELEMENT],
  ["x in [m, 2]", p, false, LIST_ELEMENT],
  ["x in [m, n]", p, false, LIST_ELEMENT],
  ["x not in [m, 2]", p, true, LIST_ELEMENT],
  ["x not in [m]", p, true, `${LIST_ELEMENT}; in is = a or = b over the list's present elements`],
  ["x not in [n, m]", p, true, LIST_ELEMENT],
  ["x not in [m, 1]", p, false, LIST_ELEMENT],
  ['tags in [m, "b"]', p, true, LIST_ELEMENT],
  ['tags not in [m, "z"]', p, true, LIST_ELEMENT],
  ["x in [1 / 0, 1]", p, true, LIST_ELEMENT],
  ["x not in [1 / 0]", p, true, LIST_ELEMENT],

  // not in / not between on a present non-array operand.
  ['"5" not in [5]', p, true, NEGATED],
  ['x not in ["1"]', p, true, NEGATED],
  ["x not in [1]", p, false, NEGATED],
  ["x not in []", p, true, NEGATED],
  ["x not between 0 and 2", p, false, NEGATED],
  ["x not between 2 and 3", p, true, NEGATED],
  ["x not between 2 and 0", p, true, `${NEGATED} (a reversed range matches nothing)`],
  ['x not between "a" and "z"', p, true, `${NEGATED} (no coercion)`],
  ["s not between 1 and 2", p, true, NEGATED],
  ["obj not in [1]", p, true, NEGATED],
  ["f not in [true]", p, true, NEGATED],
  ['e not between "a" and "z"', p, true, NEGATED],
];

describe("Meaning: Missing", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
