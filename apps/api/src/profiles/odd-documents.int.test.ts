/**
 * Property: odd JSON documents (deep nesting, nested and mixed arrays, long strings, unicode and
 * reserved-looking keys, extreme numbers, ISO date strings, empty objects, keys with dots and
 * dollars, empty keys, lone surrogates) posted as profiles and events never get a 5xx; they are
 * refused with a 400 exactly when they break a documented rule (docs/segment-language.md, "Field
 * names"; the schemas' limits), and what is accepted reads back equal.
 *
 * "Equal" is equality of JSON values: the server receives JSON text, so the expected value is
 * what `JSON.parse` makes of that text (`9007199254740993` is the double 9007199254740992,
 * `1e-400` is 0), and both sides are compared after a JSON round trip, in which `-0` is `0`
 * (JSON has one zero; BSON stores an integral -0 as the int32 0).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_odd_documents");
});
afterAll(async () => {
  await api?.close();
});

/** A number written into the JSON text as is, so that the text can carry what JS numbers cannot. */
class RawNumber {
  constructor(readonly text: string) {}
  toJSON() {
    return `@@raw:${this.text}@@`;
  }
}

const toJsonText = (value: unknown) => JSON.stringify(value).replace(/"@@raw:([^@"]+)@@"/g, "$1");
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

// ---- the documented rules, as an oracle independent of the schemas ----

const MAX_DEPTH = 32;
const LONE_SURROGATE = /\p{Cs}/u;

function breaksRule(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some((v) => breaksRule(v, depth + 1));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(
      ([key, v]) =>
        key === "" ||
        key.includes(".") ||
        key.startsWith("$") ||
        key.includes("\0") ||
        LONE_SURROGATE.test(key) ||
        breaksRule(v, depth + 1),
    );
  }
  return false;
}

// ---- arbitraries ----

const oddKey = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      "a.b",
      ".",
      "$x",
      "x$",
      "$",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "0",
      "10",
      "été",
      "😀",
      "a b",
      "first-name",
      "\u0000",
      "\ud800",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 4 }) },
);

const extremeNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 63,
    0.1,
  ),
  fc
    .constantFrom("-0", "-0.0", "9007199254740993", "1e308", "-1E+308", "5e-324", "1e-400", "1e400", "-1e400")
    .map((text) => new RawNumber(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const isoDate = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

const leaf = fc.oneof(
  extremeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  isoDate,
  fc.integer({ min: 1000, max: 200_000 }).map((n) => "long ✓ text ".repeat(Math.ceil(n / 12)).slice(0, n)),
  fc.constantFrom({}, [], [[]], [{}]),
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(oddKey, tie("tree"), { maxKeys: 4 }),
  ),
}));

/** A value nested `depth` levels in objects and arrays, to straddle the 32-level limit. */
const deep = fc
  .tuple(fc.integer({ min: 26, max: 36 }), fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }), leaf)
  .map(([depth, inArray, value]) => {
    let v: unknown = value;
    for (let i = 0; i < depth; i++) v = inArray[i] ? [v] : { d: v };
    return v;
  });

const document = fc.dictionary(
  oddKey,
  fc.oneof({ weight: 5, arbitrary: tree }, { weight: 1, arbitrary: deep }),
  {
    maxKeys: 6,
  },
);

const oddId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 3 }),
);

let counter = 0;
/** Unique per run, so that runs never read each other's writes. */
const uniqueId = (id: string) => `${id}#${counter++}`;

const RUNS = { numRuns: 60 };

/** Both outcomes must occur, or the generators no longer test what they claim to. */
function outcomes() {
  const seen = { accepted: 0, refused: 0 };
  return {
    count: (refused: boolean) => void seen[refused ? "refused" : "accepted"]++,
    expectBoth: () => {
      expect(seen.accepted).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    },
  };
}

describe("odd documents", () => {
  test("POST /v1/profiles: no 5xx, 400 exactly when a rule is broken, the rest reads back equal", async () => {
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(
        oddId,
        document,
        fc.option(document, { nil: undefined }),
        async (rawId, attributes, scores) => {
          const id = uniqueId(rawId);
          const profile = { id, attributes, ...(scores ? { scores } : {}) };
          const raw = toJsonText({ profiles: [profile] });
          const received = JSON.parse(raw).profiles[0];
          const refused =
            LONE_SURROGATE.test(id) ||
            breaksRule(received.attributes, 1) ||
            breaksRule(received.scores ?? {}, 1);
          seen.count(refused);

          const r = await api.request("POST", "/v1/profiles", { raw });
          expect(r.status, r.text.slice(0, 300)).toBe(refused ? 400 : 200);
          if (refused) return;
          expect(r.body).toEqual({ upserted: 1, inserted: 1, updated: 0, rejected: [] });
          const back = await api.request("GET", `/v1/profiles/${encodeURIComponent(id)}`);
          expect(back.status).toBe(200);
          expect(back.body.id).toBe(id);
          expect(asJson(back.body.attributes)).toEqual(asJson(received.attributes));
          expect(asJson(back.body.scores)).toEqual(asJson(received.scores ?? {}));
        },
      ),
      RUNS,
    );
    seen.expectBoth();
  });

  test("POST /v1/events: no 5xx, 400 exactly when a rule is broken, the rest is stored equal", async () => {
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(
        oddId,
        fc.string({ minLength: 1, maxLength: 8 }),
        isoDate,
        document,
        async (rawId, type, timestamp, properties) => {
          const profileId = uniqueId(rawId);
          const raw = toJsonText({ events: [{ profileId, type, timestamp, properties }] });
          const received = JSON.parse(raw).events[0];
          const refused = LONE_SURROGATE.test(profileId) || breaksRule(received.properties, 1);
          seen.count(refused);

          const r = await api.request("POST", "/v1/events", { raw });
          expect(r.status, r.text.slice(0, 300)).toBe(refused ? 400 : 202);
          if (refused) return;
          expect(r.body).toEqual({ accepted: 1, rejected: [] });
          const stored = await api.store.events.find({ profileId }).toArray();
          expect(stored).toHaveLength(1);
          expect(stored[0]!.type).toBe(type);
          expect(stored[0]!.timestamp.toISOString()).toBe(timestamp);
          expect(asJson(stored[0]!.properties)).toEqual(asJson(received.properties));
        },
      ),
      RUNS,
    );
    seen.expectBoth();
  });
});
