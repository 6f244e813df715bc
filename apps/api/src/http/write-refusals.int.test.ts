/**
 * What the profile and event writes answer when an item cannot be stored (write-outcome.ts):
 * a 400 before anything is written for what the request alone tells (field names, size), and
 * per-item refusals for what only the database can tell, with the other items written.
 */
import { MAX_DOCUMENT_BYTES } from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_write_refusals");
});
afterAll(async () => {
  await api?.close();
});

const NOW = "2026-11-01T00:00:00Z";
const MIB = 1024 * 1024;

/**
 * An array whose JSON is small (2 bytes an element) but whose BSON is over 16 MiB (each element
 * carries its index as a key): it fits the 10 MB body limit and no MongoDB document.
 */
const oversizedArray = () => new Array<number>(Math.ceil(MAX_DOCUMENT_BYTES / 10)).fill(0);

describe("field names", () => {
  // [where the key is, the request body, the path named, the message]
  const rows: [string, unknown, string, RegExp][] = [
    [
      "an attribute's key with a dot",
      {
        profiles: [
          { id: "a", attributes: {} },
          { id: "b", attributes: { a: { "x.y": 1 } } },
        ],
      },
      "profiles.1.attributes.a.x.y",
      /^key "x\.y" contains "\."$/,
    ],
    [
      "an attribute's key with a leading $",
      { profiles: [{ id: "a", attributes: { list: [{ $where: 1 }] } }] },
      "profiles.0.attributes.list.0.$where",
      /^key "\$where" starts with "\$"$/,
    ],
    [
      "an empty attribute key",
      { profiles: [{ id: "a", attributes: { "": 1 } }] },
      "profiles.0.attributes.",
      /^empty key/,
    ],
    [
      "a score's key with a dot",
      { profiles: [{ id: "a", attributes: {}, scores: { "churn.v2": { score: 1 } } }] },
      "profiles.0.scores.churn.v2",
      /^key "churn\.v2" contains "\."$/,
    ],
    [
      "a score's key with a leading $",
      { profiles: [{ id: "a", attributes: {}, scores: { churn: { $inc: 1 } } }] },
      "profiles.0.scores.churn.$inc",
      /^key "\$inc" starts with "\$"$/,
    ],
    [
      "an event property's key with a dot",
      { events: [{ profileId: "a", type: "t", timestamp: NOW, properties: { "a.b": 1 } }] },
      "events.0.properties.a.b",
      /^key "a\.b" contains "\."$/,
    ],
    [
      "an event property's key with a leading $",
      { events: [{ profileId: "a", type: "t", timestamp: NOW, properties: { p: { $gt: 1 } } }] },
      "events.0.properties.p.$gt",
      /^key "\$gt" starts with "\$"$/,
    ],
    [
      "a lone surrogate in a property's value",
      { events: [{ profileId: "a", type: "t", timestamp: NOW, properties: { s: "a\ud800" } }] },
      "events.0.properties.s",
      /lone surrogate/,
    ],
  ];
  test.each(rows)("%s → 400 naming its path, nothing written", async (_, body, path, message) => {
    const route = "profiles" in (body as object) ? "/v1/profiles" : "/v1/events";
    const r = await api.request("POST", route, { body });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(new RegExp(`^${path.replace(/[.$]/g, "\\$&")}: `));
    expect(r.body.error.details.issues[0].path).toBe(path);
    expect(r.body.error.details.issues[0].message).toMatch(message);
    expect(await api.store.profiles.countDocuments({ _id: { $in: ["a", "b"] } })).toBe(0);
  });

  test("a number JSON reads as Infinity → 400", async () => {
    const raw = '{"profiles":[{"id":"a","attributes":{"n":1e400}}]}';
    const r = await api.request("POST", "/v1/profiles", { raw });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("profiles.0.attributes.n: number out of range of a double");
  });

  test("other odd keys are stored and read back, Object.prototype's names included", async () => {
    // Arrays of objects under these names once came back as Buffers (store.ts, fieldsAsRaw).
    const attributes =
      '{"__proto__":{"x":1},"été 😀":[],"a-b c":{},"toString":[{"a":1}],"constructor":[[{}]],"o":{"hasOwnProperty":[{}]}}';
    const raw = `{"profiles":[{"id":"odd-keys","attributes":${attributes}}]}`;
    const r = await api.request("POST", "/v1/profiles", { raw });
    expect(r.status).toBe(200);
    const back = await api.request("GET", "/v1/profiles/odd-keys");
    expect(JSON.stringify(back.body.attributes)).toBe(attributes);
    const created = await api.request("POST", "/v1/segments", {
      body: { id: "proto-x", name: "proto-x", definition: "`__proto__`.x = 1" },
    });
    expect(created.status).toBe(201);
    const explained = await api.request("GET", "/v1/profiles/odd-keys/explain?segment=proto-x");
    expect(explained.body.holds).toBe(true);
  });
});

describe("documents too large to store", () => {
  test("a profile over 16 MiB → 400 naming it; none of the request is written", async () => {
    const r = await api.request("POST", "/v1/profiles", {
      body: {
        profiles: [
          { id: "small-1", attributes: { a: 1 } },
          { id: "huge", attributes: { zeros: oversizedArray() } },
          { id: "small-2", attributes: { a: 2 } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message).toMatch(
      /^profiles\.1: "huge": \d+\.\d MiB as BSON; MongoDB stores documents under 16 MiB$/,
    );
    expect(r.body.error.details.issues).toEqual([
      { path: "profiles.1", message: expect.stringMatching(/^"huge": /), code: "too_large" },
    ]);
    expect(await api.store.profiles.countDocuments({ _id: { $in: ["small-1", "huge", "small-2"] } })).toBe(0);
  });

  test("an event over 16 MiB → 400 naming it; none of the request is written", async () => {
    const r = await api.request("POST", "/v1/events", {
      body: {
        events: [
          { profileId: "ev-1", type: "t", timestamp: NOW },
          { profileId: "ev-2", type: "t", timestamp: NOW, properties: { zeros: oversizedArray() } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues).toEqual([
      { path: "events.1", message: expect.stringMatching(/^"ev-2": .* MiB as BSON/), code: "too_large" },
    ]);
    expect(await api.store.events.countDocuments({ profileId: { $in: ["ev-1", "ev-2"] } })).toBe(0);
    expect(await api.store.profiles.countDocuments({ _id: { $in: ["ev-1", "ev-2"] } })).toBe(0);
  });
});

describe("items the database refuses", () => {
  // A stored profile already holding 9 MiB of scores: 8 MiB more attributes would take it past
  // 16 MiB, which only the database can tell (the request itself is small enough).
  const grown = { id: "grown", attributes: { text: "y".repeat(8 * MIB) } };
  beforeAll(async () => {
    const now = new Date();
    await api.store.profiles.insertOne({
      _id: "grown",
      bucket: 0,
      attributes: { before: true },
      scores: { blob: { text: "x".repeat(9 * MIB) } },
      createdAt: now,
      updatedAt: now,
    });
  });

  test("one refused: 200, the others written, the refused one named with its reason", async () => {
    const r = await api.request("POST", "/v1/profiles", {
      body: { profiles: [{ id: "fine-1", attributes: { a: 1 } }, grown, { id: "fine-2", attributes: {} }] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      upserted: 2,
      inserted: 2,
      updated: 0,
      rejected: [{ index: 1, id: "grown", code: "too_large", message: expect.any(String) }],
    });
    expect((await api.request("GET", "/v1/profiles/fine-1")).body.attributes).toEqual({ a: 1 });
    expect((await api.request("GET", "/v1/profiles/fine-2")).status).toBe(200);
    expect((await api.request("GET", "/v1/profiles/grown")).body.attributes).toEqual({ before: true });
  });

  test("all refused: 422 with the list; nothing was written", async () => {
    const r = await api.request("POST", "/v1/profiles", { body: { profiles: [grown] } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("unprocessable");
    expect(r.body.error.message).toMatch(/^profiles\.0 \("grown"\): .+; nothing was written$/);
    expect(r.body.error.details.rejected).toEqual([
      { index: 0, id: "grown", code: "too_large", message: expect.any(String) },
    ]);
  });
});
