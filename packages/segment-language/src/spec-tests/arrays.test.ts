/** docs/segment-language.md, "Arrays": arrays on the left, empty arrays, contains. */
import { describe, it } from "vitest";
import { ago, at, attrs, type Case, cases, checkCase, DAY, type Row, specProfile } from "./fixtures.js";

const POSITIVE =
  "When the left operand is an array, a positive form (=, <, <=, >, >=, in, between, starts with, ends with, within last) is true when the whole form holds for at least one element";
const NEGATIVE =
  'a negative form (!=, not in, not between) is true when the positive form holds for no element (tags != "vip": not tagged vip)';
const EMPTY = "An empty array is present, not missing";
const CONTAINS_ARRAY = "contains on an array tests element equality";
const CONTAINS_STRING = "contains on a string, substring (string operand only)";
const RIGHT = "An array or list on the right of = equals nothing";

const p = attrs({
  tags: ["runner", "newsletter"],
  nums: [1, 5, 10],
  mixed: ["5", 5, true, null, { a: 1 }, [7]],
  dates: ["2020-01-01", ago(DAY)],
  old: ["2020-01-01", "2021-01-01"],
  future: [at(DAY)],
  empty: [],
  name: "running shoes",
  yes: true,
  nested: [[1, 2], [3]],
});

const rows: Row[] = [
  // Positive forms: some element.
  ['tags = "runner"', p, true, POSITIVE],
  ['tags = "vip"', p, false, POSITIVE],
  ["nums < 2", p, true, POSITIVE],
  ["nums < 1", p, false, POSITIVE],
  ["nums <= 1", p, true, POSITIVE],
  ["nums <= 0", p, false, POSITIVE],
  ["nums > 9", p, true, POSITIVE],
  ["nums > 10", p, false, POSITIVE],
  ["nums >= 10", p, true, POSITIVE],
  ["nums >= 11", p, false, POSITIVE],
  ['tags in ["x", "runner"]', p, true, POSITIVE],
  ['tags in ["x", "y"]', p, false, POSITIVE],
  ["nums between 2 and 6", p, true, POSITIVE],
  ["nums between 6 and 9", p, false, `${POSITIVE} (the whole form, not >= for one and <= for another)`],
  ["nums >= 6 and nums <= 9", p, true, `${POSITIVE} (separate forms pick separate elements)`],
  ['tags starts with "run"', p, true, POSITIVE],
  ['tags starts with "letter"', p, false, POSITIVE],
  ['tags ends with "letter"', p, true, POSITIVE],
  ['tags ends with "run"', p, false, POSITIVE],
  ["dates within last 7 days", p, true, POSITIVE],
  ["old within last 7 days", p, false, POSITIVE],
  ["future within last 7 days", p, false, POSITIVE],
  ["mixed = 5", p, true, `${POSITIVE} (elements of any type)`],
  ['mixed = "5"', p, true, POSITIVE],
  ["mixed = true", p, true, POSITIVE],
  ["mixed > 4", p, true, POSITIVE],

  // Negative forms: no element.
  ['tags != "vip"', p, true, NEGATIVE],
  ['tags != "runner"', p, false, NEGATIVE],
  ["nums != 3", p, true, NEGATIVE],
  ["nums != 5", p, false, NEGATIVE],
  ['tags not in ["x", "y"]', p, true, NEGATIVE],
  ['tags not in ["x", "runner"]', p, false, NEGATIVE],
  ["nums not between 6 and 9", p, true, NEGATIVE],
  ["nums not between 2 and 6", p, false, NEGATIVE],
  ["nums not between 10 and 1", p, true, `${NEGATIVE} (a reversed range matches nothing)`],
  ["mixed != 5", p, false, NEGATIVE],
  ["mixed != 6", p, true, NEGATIVE],
  ['not (tags = "vip")', p, true, NEGATIVE],

  // Empty arrays.
  ["empty is null", p, false, EMPTY],
  ["empty is not null", p, true, EMPTY],
  ["empty = 1", p, false, `${EMPTY}: ${POSITIVE}`],
  ["empty < 1", p, false, `${EMPTY}: ${POSITIVE}`],
  ["empty in [1]", p, false, `${EMPTY}: ${POSITIVE}`],
  ["empty between 0 and 2", p, false, `${EMPTY}: ${POSITIVE}`],
  ['empty starts with ""', p, false, `${EMPTY}: ${POSITIVE}`],
  ["empty within last 7 days", p, false, `${EMPTY}: ${POSITIVE}`],
  ["empty != 1", p, true, `${EMPTY}: ${NEGATIVE}`],
  ["empty not in [1]", p, true, `${EMPTY}: ${NEGATIVE}`],
  ["empty not between 0 and 2", p, true, `${EMPTY}: ${NEGATIVE}`],
  ["empty contains 1", p, false, `${EMPTY}; ${CONTAINS_ARRAY}`],
  ["length(empty) = 0", p, true, EMPTY],
  ["[] != 1", p, true, `${EMPTY} (a list literal too)`],
  ["[] = 1", p, false, `${EMPTY} (a list literal too)`],

  // contains.
  ['tags contains "runner"', p, true, CONTAINS_ARRAY],
  ['tags contains "run"', p, false, `${CONTAINS_ARRAY} (not a substring of an element)`],
  ["nums contains 5", p, true, CONTAINS_ARRAY],
  ['nums contains "5"', p, false, `${CONTAINS_ARRAY} (no coercion)`],
  [
    "mixed contains yes",
    p,
    true,
    `${CONTAINS_ARRAY} (a literal true here is rejected: a known boolean with contains)`,
  ],
  ["[1, 2] contains 2", specProfile, true, CONTAINS_ARRAY],
  ['name contains "shoes"', p, true, CONTAINS_STRING],
  ['name contains "running shoes"', p, true, CONTAINS_STRING],
  ['name contains "boots"', p, false, CONTAINS_STRING],
  ['name contains "Shoes"', p, false, `${CONTAINS_STRING} (code points, no case folding)`],
  ['"12345" contains 3', p, false, CONTAINS_STRING],
  ["name contains tags", p, false, CONTAINS_STRING],
  ['"abc" contains ""', p, true, CONTAINS_STRING],

  // Arrays and lists on the right of =.
  ['tags = ["runner", "newsletter"]', p, false, RIGHT],
  ['tags != ["runner", "newsletter"]', p, true, `${RIGHT} (so != with one is true)`],
  ["tags = tags", p, false, RIGHT],
  ["tags != tags", p, true, RIGHT],
  ['"runner" = tags', p, false, RIGHT],
  ['"runner" != tags', p, true, RIGHT],
  ["5 = [5]", p, false, RIGHT],
  ["5 != [5]", p, true, RIGHT],
  ["5 in [[5]]", p, false, `${RIGHT}; in is = a or = b`],
  ["nested = [3]", p, false, RIGHT],
];

describe("Meaning: Arrays", () => {
  it.each(cases(rows))("$name", (c: Case) => checkCase(c));
});
