/** docs/segment-language.md, "Segments that use segments": `inSegment("id")`; "Checks" for references. */
import { describe, expect, it } from "vitest";
import {
  checkSegments,
  compileSegments,
  type Profile,
  type SegmentDefinition,
  SegmentLanguageError,
} from "../index.js";
import {
  ago,
  attrs,
  DAY,
  errorsOf,
  ev,
  evts,
  expectWellFormed,
  membership,
  NOW,
  specProfile,
} from "./fixtures.js";

const MEMBERSHIP =
  'inSegment("id") is the profile\'s membership in segment id evaluated at the same now in the same run';
const FORWARD = "(forward references allowed)";
const IN_FILTER = "inSegment may appear in [an event filter]";
const UNKNOWN = "It rejects inSegment of an unknown id";
const CYCLE = "It rejects inSegment in a cycle; a cycle once, at the reference that closes it";

const d = (id: string, definition: string): SegmentDefinition => ({ id, definition });

type MembershipRow = readonly [
  defs: SegmentDefinition[],
  profile: Profile,
  expected: Record<string, boolean>,
  rule: string,
  now?: number,
];

const rows: MembershipRow[] = [
  [[d("us", 'country = "US"'), d("a", 'inSegment("us")')], specProfile, { us: true, a: true }, MEMBERSHIP],
  [
    [d("a", 'inSegment("us")'), d("us", 'country = "US"')],
    specProfile,
    { a: true, us: true },
    `${MEMBERSHIP} ${FORWARD}`,
  ],
  [
    [d("a", 'inSegment("us")'), d("us", 'country = "US"')],
    attrs({ country: "FR" }),
    { a: false, us: false },
    FORWARD,
  ],
  [[d("a", 'not inSegment("us")'), d("us", 'country = "US"')], attrs({}), { a: true, us: false }, MEMBERSHIP],
  [
    [d("a", 'inSegment("b")'), d("b", 'inSegment("c")'), d("c", "loyalty.points > 1000")],
    specProfile,
    { a: true, b: true, c: true },
    `${MEMBERSHIP}: chains`,
  ],
  [
    [d("a", 'inSegment("b") and inSegment("c")'), d("b", 'inSegment("c")'), d("c", "loyalty.points > 5000")],
    specProfile,
    { a: false, b: false, c: false },
    `${MEMBERSHIP}: chains`,
  ],
  [
    [d("recent", "exists(events where timestamp within last 1 day)"), d("a", 'inSegment("recent")')],
    evts([ev("v", ago(12 * 3_600_000))]),
    { recent: true, a: true },
    `${MEMBERSHIP}: the same now`,
  ],
  [
    [d("recent", "exists(events where timestamp within last 1 day)"), d("a", 'inSegment("recent")')],
    evts([ev("v", ago(12 * 3_600_000))]),
    { recent: false, a: false },
    `${MEMBERSHIP}: the same now`,
    NOW + DAY,
  ],
  [
    [d("a", 'exists(events where inSegment("us"))'), d("us", 'country = "US"')],
    evts([ev("v", ago(DAY))], { country: "US" }),
    { a: true, us: true },
    `${IN_FILTER}; ${MEMBERSHIP} (the profile's membership, inside a filter too)`,
  ],
  [
    [d("a", 'exists(events where inSegment("us"))'), d("us", 'country = "US"')],
    evts([], { country: "US" }),
    { a: false, us: true },
    IN_FILTER,
  ],
  [
    [d("a", 'count(events where inSegment("us") and type = "v") = 2'), d("us", 'country = "US"')],
    evts([ev("v", ago(DAY)), ev("v", ago(2 * DAY)), ev("w", ago(DAY))], { country: "US" }),
    { a: true, us: true },
    IN_FILTER,
  ],
  [
    [d("a", 'INSEGMENT("us")'), d("us", "true"), d("b", 'insegment("us")')],
    specProfile,
    { a: true, us: true, b: true },
    "Keywords and function names are case-insensitive",
  ],
  [
    [d("a", 'inSegment("us")'), d("b", 'inSegment("us")'), d("us", "true")],
    specProfile,
    { a: true, b: true, us: true },
    `${MEMBERSHIP}: shared dependencies`,
  ],
];

describe("Meaning: inSegment", () => {
  it.each(
    rows.map(([defs, profile, expected, rule, now]) => ({
      name: `${defs.map((x) => `${x.id}: ${x.definition}`).join(" | ")} [${rule}]`,
      defs,
      profile,
      expected,
      now,
    })),
  )("$name", ({ defs, profile, expected, now }) => {
    expect(errorsOf(defs)).toEqual([]);
    expect(membership(defs, profile, now)).toEqual(expected);
  });

  it("evaluates ids in input order whatever the references (compileSegments.ids)", () => {
    const defs = [d("a", 'inSegment("b")'), d("b", 'inSegment("c")'), d("c", "true")];
    expect(compileSegments(defs).ids).toEqual(["a", "b", "c"]);
  });

  it("orders evaluation dependencies first (checkSegments.evaluationOrder)", () => {
    const { evaluationOrder } = checkSegments([
      d("a", 'inSegment("b")'),
      d("b", 'inSegment("c")'),
      d("c", "true"),
    ]);
    expect(evaluationOrder).toEqual(["c", "b", "a"]);
  });
});

describe("Types and checks / Errors: inSegment references", () => {
  it.each([
    ['inSegment("nope")', [1, 1], [1, 11]],
    ['country = "US" and\n  inSegment("nope")', [2, 3], [2, 13]],
    ['exists(events where inSegment("nope"))', [1, 21], [1, 31]],
  ] as const)("%s: unknown id [" + UNKNOWN + "]", (definition, call, arg) => {
    const errors = errorsOf([d("s", definition), d("other", "true")]);
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expectWellFormed(e!);
    expect(e!.segmentId).toBe("s");
    expect([call, arg]).toContainEqual([e!.line, e!.column]);
    expect(e!.reason).toContain("nope");
  });

  it("reports a self reference once, at the reference [" + CYCLE + "]", () => {
    const errors = errorsOf([d("a", 'x = 1 or inSegment("a")')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ segmentId: "a", line: 1 });
    expect([10, 20]).toContain(errors[0]!.column);
  });

  it.each([
    [
      "two segments",
      [d("a", 'inSegment("b")'), d("b", 'true and inSegment("a")')],
      { a: [1, 1], b: [1, 10] },
    ],
    [
      "three segments",
      [d("a", 'inSegment("b")'), d("b", 'inSegment("c")'), d("c", 'x = 1 or\ninSegment("a")')],
      { a: [1, 1], b: [1, 1], c: [2, 1] },
    ],
    [
      "three segments, listed out of order",
      [d("c", 'x = 1 or\ninSegment("a")'), d("b", 'inSegment("c")'), d("a", 'inSegment("b")')],
      { a: [1, 1], b: [1, 1], c: [2, 1] },
    ],
  ] as const)("reports a cycle of %s once, at one of its references [" + CYCLE + "]", (_name, defs, refs) => {
    const errors = errorsOf([...defs]);
    const cycleErrors = errors.filter((e) => e.segmentId in refs);
    expect(cycleErrors, JSON.stringify(errors)).toHaveLength(1);
    const [e] = cycleErrors;
    expectWellFormed(e!);
    const ref = refs[e!.segmentId as keyof typeof refs];
    expect([e!.line, e!.column]).toEqual(ref);
  });

  it("reports a cycle once even when other segments reach it (no assertion about the others)", () => {
    const errors = errorsOf([d("x", 'inSegment("a")'), d("a", 'inSegment("b")'), d("b", 'inSegment("a")')]);
    const cycleErrors = errors.filter((e) => e.segmentId === "a" || e.segmentId === "b");
    expect(cycleErrors, JSON.stringify(errors)).toHaveLength(1);
  });

  it("reports two separate cycles once each", () => {
    const errors = errorsOf([
      d("a", 'inSegment("b")'),
      d("b", 'inSegment("a")'),
      d("c", 'inSegment("c")'),
      d("ok", "true"),
    ]);
    expect(errors.filter((e) => e.segmentId === "a" || e.segmentId === "b")).toHaveLength(1);
    expect(errors.filter((e) => e.segmentId === "c")).toHaveLength(1);
    expect(errors.filter((e) => e.segmentId === "ok")).toHaveLength(0);
  });

  it("rejects the whole set in compileSegments, listing every error", () => {
    const defs = [d("a", 'inSegment("nope")'), d("b", "x ="), d("c", "true")];
    const expected = checkSegments(defs).errors;
    expect(expected.map((e) => e.segmentId)).toEqual(["a", "b"]);
    let thrown: unknown;
    try {
      compileSegments(defs);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SegmentLanguageError);
    expect((thrown as SegmentLanguageError).errors).toEqual(expected);
  });
});
