/**
 * Request limits (SECURITY.md, "Request limits and unknown fields"): fields a schema does not
 * know are refused by name, lengths and page sizes are capped, a definition nested deeper than
 * the parser allows is a positioned 400, and an error never names an id the user did not give.
 *
 * Checked failing without the protections: with the request schemas back to `z.object` the
 * unknown-field rows answered 201/200 (the field dropped); with `draftErrors` returning the errors
 * unchanged the two id rows named "_draft" and "big-spenders".
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";
import { LIMITS } from "./schemas.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_limits");
});
afterAll(async () => {
  await api?.close();
});

describe("unknown fields are refused, named", () => {
  // [method, path, body, the field's path named in the issue]
  const rows: [string, string, unknown, string][] = [
    ["POST", "/v1/segments", { name: "x", definition: "true", bogus: 1 }, ""],
    ["POST", "/v1/segments/validate", { definition: "true", bogus: 1 }, ""],
    [
      "POST",
      "/v1/events",
      { events: [{ profileId: "p", type: "t", timestamp: "2026-01-01", bogus: 1 }] },
      "events.0",
    ],
    ["POST", "/v1/profiles", { profiles: [{ id: "p", attributes: {}, bogus: 1 }] }, "profiles.0"],
    ["POST", "/v1/evaluations", { bogus: 1 }, ""],
    ["PUT", "/v1/schedules/all", { schedule: null, bogus: 1 }, ""],
    ["POST", "/v1/destinations", { id: "d", url: "http://x.test/", secret: "s", bogus: 1 }, ""],
  ];
  test.each(rows)("%s %s", async (method, path, body, at) => {
    const r = await api.request(method, path, { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message).toContain('"bogus"');
    expect(r.body.error.details.issues).toContainEqual(
      expect.objectContaining({ path: at, code: "unrecognized_keys" }),
    );
  });

  test("in a query", async () => {
    await api.request("POST", "/v1/profiles", { body: { profiles: [{ id: "q", attributes: {} }] } });
    const r = await api.request("GET", "/v1/profiles/q?events=1&bogus=1");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('"bogus"');
    expect(r.body.error.details.in).toBe("query");
  });

  test("user data (attributes, properties) stays open", async () => {
    const r = await api.request("POST", "/v1/profiles", {
      body: { profiles: [{ id: "open", attributes: { anything: { goes: 1 } } }] },
    });
    expect(r.status).toBe(200);
  });
});

describe("lengths and page sizes", () => {
  test("a definition over the limit names the field", async () => {
    const definition = `age > ${"1".repeat(LIMITS.definitionLength)}`;
    const r = await api.request("POST", "/v1/segments", { body: { name: "long", definition } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^definition: /);
  });

  test("a page size over the cap names the parameter", async () => {
    const r = await api.request(
      "GET",
      `/v1/profiles/q/memberships?limit=${LIMITS.membershipChanges.max + 1}`,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^limit: /);
  });

  test("an id over the limit in a path", async () => {
    const r = await api.request("GET", `/v1/profiles/${"x".repeat(LIMITS.idLength + 1)}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^id: /);
  });
});

describe("deeply nested definitions", () => {
  // Within the length limit, far deeper than the parser's limit: a stack overflow without it.
  const deep: [string, string][] = [
    ["parentheses", `${"(".repeat(30_000)}true${")".repeat(30_000)}`],
    ["not", `${"not ".repeat(15_000)}true`],
    ["lists", `age in ${"[".repeat(30_000)}1${"]".repeat(30_000)}`],
  ];
  test.each(deep)("%s: a 400 with a position", async (_name, definition) => {
    const r = await api.request("POST", "/v1/segments/validate", { body: { definition } });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ line: 1, column: expect.any(Number) });
    const created = await api.request("POST", "/v1/segments", { body: { name: "deep", definition } });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe("invalid_definition");
  });
});

test("a JSON body nested 100,000 levels deep is a 400, not a stack overflow", async () => {
  const attributes = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  const r = await api.request("POST", "/v1/profiles", {
    raw: `{"profiles":[{"id":"deep","attributes":${attributes}}]}`,
  });
  expect(r.status).toBe(400);
  expect(r.body.error.message).toMatch(/nested deeper than/);
});

describe("errors name no id the user did not give", () => {
  test("validate without an id", async () => {
    const r = await api.request("POST", "/v1/segments/validate", { body: { definition: "age >" } });
    expect(r.body.valid).toBe(false);
    expect(r.text).not.toContain("_draft");
    expect(r.body.errors[0]).toMatchObject({
      segmentId: null,
      message: expect.stringMatching(/^definition: 1:/),
    });
  });

  test("estimate without an id", async () => {
    const r = await api.request("POST", "/v1/segments/estimate", { body: { definition: "age >" } });
    expect(r.status).toBe(400);
    expect(r.text).not.toContain("_draft");
    expect(r.body.error.message).toMatch(/^definition: 1:/);
  });

  test("create without an id (the id generated from the name)", async () => {
    const r = await api.request("POST", "/v1/segments", {
      body: { name: "Big spenders", definition: "age >" },
    });
    expect(r.status).toBe(400);
    expect(r.text).not.toContain("big-spenders");
    expect(r.body.error.message).toMatch(/^definition: 1:/);
  });

  test("validate with an id names it", async () => {
    const r = await api.request("POST", "/v1/segments/validate", {
      body: { id: "mine", definition: "age >" },
    });
    expect(r.body.errors[0]).toMatchObject({
      segmentId: "mine",
      message: expect.stringMatching(/^segment "mine"/),
    });
  });
});
