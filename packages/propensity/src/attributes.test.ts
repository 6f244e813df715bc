import { describe, expect, it } from "vitest";
import {
  type AttributeEncoding,
  AttributeSurvey,
  attributeFeatureDefs,
  chooseAttributeEncodings,
  instantMs,
  writeAttributes,
} from "./attributes.js";

const DAY = 86_400_000;
const N = 200;

/** 200 profiles' attributes, each path with a known kind, coverage and spread of values. */
function attributesOf(i: number): Record<string, unknown> {
  return {
    age: 20 + (i % 50),
    ...(i % 4 === 0 ? {} : { score: i / 10 }),
    vip: i % 3 === 0,
    signupDate: new Date(Date.UTC(2024, 0, 1) + i * DAY).toISOString(),
    lastSeen: new Date(Date.UTC(2025, 5, 1) - i * DAY),
    birthDate: `19${50 + (i % 40)}-05-01`,
    // 60 each of three tiers, 20 one-off values: a category with an "other".
    tier: i < 180 ? ["gold", "silver", "bronze"][i % 3] : `special-${i}`,
    plan: i % 2 === 0 ? "monthly" : "yearly",
    tags: i % 2 === 0 ? ["new", ...(i % 5 === 0 ? ["sale"] : [])] : ["sale"],
    address: { geo: { country: i % 4 === 0 ? "FR" : "DE", deeper: { city: "Paris" } } },
    email: `person${i}@example.com`,
    ...(i < 5 ? { rare: i } : {}),
    mixed: i % 2 === 0 ? i : `v${i % 3}`,
    nothing: null,
  };
}

function survey(n = N, of: (i: number) => unknown = attributesOf): AttributeSurvey {
  const s = new AttributeSurvey();
  for (let i = 0; i < n; i++) s.add(of(i));
  return s;
}

function byPath(encodings: AttributeEncoding[]): Record<string, AttributeEncoding> {
  return Object.fromEntries(encodings.map((e) => [e.path, e]));
}

describe("instantMs", () => {
  it("reads Dates, ISO instants and bare dates (midnight UTC), and nothing else", () => {
    expect(instantMs(new Date(Date.UTC(2025, 1, 3, 4)))).toBe(Date.UTC(2025, 1, 3, 4));
    expect(instantMs("2025-02-03T04:05:06Z")).toBe(Date.UTC(2025, 1, 3, 4, 5, 6));
    expect(instantMs("2025-02-03")).toBe(Date.UTC(2025, 1, 3));
    for (const v of ["20250203", "gold", "2025-13-01", new Date(Number.NaN), 1_700_000_000_000, null])
      expect(instantMs(v)).toBeUndefined();
  });
});

describe("chooseAttributeEncodings, nothing listed", () => {
  const { encodings, skipped } = chooseAttributeEncodings(survey(), []);
  const e = byPath(encodings);
  const why = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));

  it("considers every path once", () => {
    expect(new Set(encodings.map((x) => x.path)).size).toBe(encodings.length);
    expect(Object.keys(e).sort()).toEqual(
      [
        "address.geo.country",
        "age",
        "birthDate",
        "lastSeen",
        "plan",
        "score",
        "signupDate",
        "tags",
        "tier",
        "vip",
      ].sort(),
    );
  });

  it("encodes numbers and yes/no values, with a missing flag only when some profiles lack them", () => {
    expect(e.age).toEqual({ path: "age", kind: "number", hasMissing: false });
    expect(e.score).toEqual({ path: "score", kind: "number", hasMissing: true });
    expect(e.vip).toEqual({ path: "vip", kind: "boolean", hasMissing: false });
  });

  it("encodes Dates, ISO strings and bare dates as instants", () => {
    for (const path of ["signupDate", "lastSeen", "birthDate"])
      expect(e[path]).toEqual({ path, kind: "instant", hasMissing: false });
  });

  it("keeps a category's frequent values, most frequent first, with an 'other' when some are rarer", () => {
    expect(e.tier).toEqual({
      path: "tier",
      kind: "category",
      values: ["bronze", "gold", "silver"],
      other: true,
    });
    expect(e.plan).toEqual({ path: "plan", kind: "category", values: ["monthly", "yearly"], other: false });
    expect(e["address.geo.country"]).toEqual({
      path: "address.geo.country",
      kind: "category",
      values: ["DE", "FR"],
      other: false,
    });
  });

  it("encodes lists of strings as tags", () => {
    expect(e.tags).toEqual({ path: "tags", kind: "tags", values: ["sale", "new"] });
  });

  it("reads an empty list as a profile without tags, not as a value of another kind", () => {
    const s = survey(N, (i) => ({ tags: i % 2 === 0 ? ["new"] : [] }));
    expect(chooseAttributeEncodings(s, [])).toEqual({
      encodings: [{ path: "tags", kind: "tags", values: ["new"] }],
      skipped: [],
    });
  });

  it("skips identifiers, rare paths and mixed kinds, saying why; reads three levels deep", () => {
    expect(why.email).toMatch(/200 distinct.*identifier or free text/);
    expect(why.rare).toBe("on 2.5% of profiles, under 5%");
    expect(why.mixed).toMatch(/mixed/);
    expect(Object.keys(why).sort()).toEqual(["email", "mixed", "rare"]);
    expect(survey().seenPaths()).not.toContain("address.geo.deeper.city");
    expect(survey().seenPaths()).not.toContain("nothing");
  });

  it("says when an identifier overflows the distinct values it keeps", () => {
    const s = survey(1500, (i) => ({ id: `id-${i}` }));
    expect(chooseAttributeEncodings(s, []).skipped).toEqual([
      { path: "id", reason: "no frequent values: over 1000 distinct, an identifier or free text" },
    ]);
  });

  it("skips a text whose frequent values cover less than half its profiles", () => {
    const s = survey(N, (i) => ({ city: i < 40 ? "Paris" : `town ${i}` }));
    expect(chooseAttributeEncodings(s, []).encodings).toEqual([]);
  });
});

describe("chooseAttributeEncodings, listed", () => {
  it("uses exactly the listed paths, rare ones included, and says which no profile has", () => {
    const { encodings, skipped } = chooseAttributeEncodings(survey(), ["rare", "tier", "unknown"]);
    expect(encodings).toEqual([
      { path: "rare", kind: "number", hasMissing: true },
      { path: "tier", kind: "category", values: ["bronze", "gold", "silver"], other: true },
    ]);
    expect(skipped).toEqual([{ path: "unknown", reason: "no profile has it" }]);
  });

  it("keeps a listed text's frequent values even when they cover less than half, but not an identifier", () => {
    const s = survey(N, (i) => ({ city: i < 40 ? "Paris" : `town ${i}`, email: `p${i}@example.com` }));
    const { encodings, skipped } = chooseAttributeEncodings(s, ["city", "email"]);
    expect(encodings).toEqual([{ path: "city", kind: "category", values: ["Paris"], other: true }]);
    expect(skipped.map((x) => x.path)).toEqual(["email"]);
  });
});

describe("attributeFeatureDefs", () => {
  it("names each column after its path", () => {
    const defs = (e: AttributeEncoding) => attributeFeatureDefs(e).map((d) => [d.key, d.label, d.transform]);
    expect(defs({ path: "age", kind: "number", hasMissing: true })).toEqual([
      ["age", "age", "auto"],
      ["age.missing", "age missing", "linear"],
    ]);
    expect(defs({ path: "vip", kind: "boolean", hasMissing: false })).toEqual([
      ["vip", "vip = true", "linear"],
    ]);
    expect(defs({ path: "signupDate", kind: "instant", hasMissing: true })).toEqual([
      ["signupDate.daysBefore", "days since signupDate", "linear"],
      ["signupDate.missing", "signupDate missing", "linear"],
    ]);
    expect(defs({ path: "loyalty.tier", kind: "category", values: ["gold", "silver"], other: true })).toEqual(
      [
        ["loyalty.tier=gold", "loyalty.tier = gold", "linear"],
        ["loyalty.tier=silver", "loyalty.tier = silver", "linear"],
        ["loyalty.tier=*", "loyalty.tier: another value", "linear"],
      ],
    );
    expect(defs({ path: "plan", kind: "category", values: ["a"], other: false })).toEqual([
      ["plan=a", "plan = a", "linear"],
    ]);
    expect(defs({ path: "tags", kind: "tags", values: ["new"] })).toEqual([
      ["tags[new]", "tags includes new", "linear"],
    ]);
  });
});

describe("writeAttributes", () => {
  const cutoff = Date.UTC(2025, 0, 31);
  const encodings: AttributeEncoding[] = [
    { path: "age", kind: "number", hasMissing: true },
    { path: "vip", kind: "boolean", hasMissing: true },
    { path: "signupDate", kind: "instant", hasMissing: true },
    { path: "firstOrder", kind: "instant", hasMissing: false },
    { path: "loyalty.tier", kind: "category", values: ["gold", "silver"], other: true },
    { path: "tags", kind: "tags", values: ["new", "sale"] },
  ];
  const width = encodings.flatMap(attributeFeatureDefs).length;

  function row(attributes: unknown, at = cutoff): number[] {
    const out = new Float32Array(width + 2).fill(-7);
    writeAttributes(encodings, attributes, at, out, 1);
    expect(out[0]).toBe(-7);
    expect(out[width + 1]).toBe(-7);
    return [...out.subarray(1, width + 1)];
  }

  it("writes natural values: numbers, 1/0, days before the cutoff, one-hot values", () => {
    expect(
      row({
        age: 41,
        vip: false,
        signupDate: "2025-01-21T12:00:00Z",
        firstOrder: new Date(Date.UTC(2025, 0, 30)),
        loyalty: { tier: "silver" },
        tags: ["sale", "other"],
      }),
    ).toEqual([41, 0, 0, 0, 9.5, 0, 1, 0, 1, 0, 0, 1]);
  });

  it("flags what is missing and writes NaN where a value is", () => {
    const r = row({ age: "41", vip: "yes", tags: "new" });
    expect(r).toEqual([Number.NaN, 1, Number.NaN, 1, Number.NaN, 1, Number.NaN, 0, 0, 0, 0, 0]);
    expect(row(undefined)).toEqual(r);
  });

  it("reads an instant after the cutoff as missing: it was not known then", () => {
    const attributes = { signupDate: "2025-02-01", firstOrder: "2025-01-31T00:00:00.001Z" };
    expect(row(attributes).slice(4, 7)).toEqual([Number.NaN, 1, Number.NaN]);
    expect(row(attributes, Date.UTC(2025, 1, 2)).slice(4, 7)).toEqual([1, 0, Math.fround(2 - 1 / DAY)]);
  });

  it("puts a value outside the kept ones in 'other', and an absent one nowhere", () => {
    expect(row({ loyalty: { tier: "bronze" } }).slice(7, 10)).toEqual([0, 0, 1]);
    expect(row({ loyalty: { tier: 5 } }).slice(7, 10)).toEqual([0, 0, 1]);
    expect(row({ loyalty: {} }).slice(7, 10)).toEqual([0, 0, 0]);
    expect(row({ loyalty: { tier: "gold" } }).slice(7, 10)).toEqual([1, 0, 0]);
  });
});
