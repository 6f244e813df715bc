/**
 * Authentication and scopes: every route but the health probes needs a key (Bearer, or Basic for
 * browsers), and a key with the route's scope. The routes come from the route table (routes.ts),
 * plus what is mounted outside it (docs, /openapi.json, /metrics, Bull Board), so a new route is
 * covered without touching this file.
 *
 * How each was seen to fail without its protection: with `scopeRouter` left out of app.ts, the 403
 * case of every table route and the read-only key's test failed (36 tests); with `requireScope`
 * letting every request on, those and the 403 cases of /metrics, /docs, /openapi.json and Bull
 * Board failed (42); with `authenticate` accepting any key, the wrong-key and unknown-scheme tests
 * failed, and the 403 cases of keys without `admin` or `write` (the first entry has every scope).
 */
import type { ApiScope } from "@segflow/config";
import { QUEUE_NAMES } from "@segflow/queues";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { API_ROUTES } from "../routes.js";
import { KEY, KEY_WITHOUT, OTHER_KEY, READ_KEY, startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_access");
});
afterAll(async () => {
  await api?.close();
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("health probes answer without a key", () => {
  test("GET /healthz", async () => {
    const r = await api.request("GET", "/healthz", { key: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok" });
  });

  test("GET /readyz names both dependencies", async () => {
    const r = await api.request("GET", "/readyz", { key: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok", checks: { redis: { ok: true }, mongodb: { ok: true } } });
  });
});

// Every declared route but the open ones (routes.ts), and what is mounted outside the table: method,
// path, the scope it needs, and how a 403 names it.
const scoped: (readonly [string, string, ApiScope, string])[] = [
  ...API_ROUTES.flatMap((r) => {
    if (r.scope === "open") return [];
    const method = r.method.toUpperCase();
    return [[method, r.path.replace(/:\w+/g, "churn"), r.scope, `${method} ${r.path}`] as const];
  }),
  ["GET", "/openapi.json", "read", "the OpenAPI document"],
  ["GET", "/docs/", "read", "the API docs"],
  ["GET", "/metrics", "admin", "/metrics"],
  ["GET", "/admin/queues", "admin", "Bull Board"],
  ["GET", "/admin/queues/api/queues", "admin", "Bull Board"],
];
const guarded = [
  ...scoped.map(([method, path]) => [method, path] as const),
  ["GET", "/no/such/route"] as const,
];

/** A JSON body for the methods that take one. */
const someBody = (method: string) => (method === "GET" || method === "DELETE" ? undefined : {});

describe("everything else needs a key", () => {
  test.each(guarded)("%s %s without a key → 401 with a Basic challenge", async (method, path) => {
    const r = await api.request(method, path, { key: null });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
    expect(r.body.error.message).toMatch(/missing API key/);
    expect(r.headers.get("www-authenticate")).toMatch(/^Basic realm="segflow"/);
  });

  test("a wrong bearer key → 401 with a Bearer challenge (no browser password prompt over the console)", async () => {
    const r = await api.request("GET", "/v1/segments", { key: "nope" });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: { code: "unauthorized", message: "invalid API key" } });
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="segflow", error="invalid_token"');
    const basic = await api.request("GET", "/v1/segments", {
      key: null,
      headers: { authorization: "Basic eDp5" },
    });
    expect(basic.headers.get("www-authenticate")).toMatch(/^Basic realm="segflow"/);
  });

  test("an unknown scheme or a malformed header → 401", async () => {
    for (const authorization of [
      `Token ${KEY}`,
      "Bearer",
      basic("user", "wrong"),
      "Basic not-base64-colonless",
    ]) {
      const r = await api.request("GET", "/v1/segments", { key: null, headers: { authorization } });
      expect(r.status, authorization).toBe(401);
    }
  });

  test("every configured key works as Bearer", async () => {
    for (const key of [KEY, OTHER_KEY]) {
      const r = await api.request("GET", "/v1/segments", { key });
      expect(r.status).toBe(200);
    }
  });

  test("HTTP Basic with any user name and the key as password works", async () => {
    for (const user of ["admin", "", "any one"]) {
      const r = await api.request("GET", "/v1/segments", {
        key: null,
        headers: { authorization: basic(user, KEY) },
      });
      expect(r.status, user).toBe(200);
    }
  });

  test("an unknown route with a key → 404 in the error shape", async () => {
    const r = await api.request("GET", "/v2/nothing");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: { code: "not_found", message: "no route for GET /v2/nothing", details: null },
    });
  });
});

describe("every route needs its scope", () => {
  test("every scope is needed by some route (the table below is not empty)", () => {
    expect(new Set(scoped.map(([, , scope]) => scope))).toEqual(new Set(["read", "write", "admin"]));
  });

  test.each(scoped)(
    "%s %s with a key lacking %s → 403 naming the scope",
    async (method, path, scope, what) => {
      // A key with both other scopes: only the missing one can explain the 403. A body is sent, so
      // that the 403 is not hidden by a 400 for a missing one (the check runs before bodies are parsed).
      const r = await api.request(method, path, { key: KEY_WITHOUT[scope], body: someBody(method) });
      expect(r.status).toBe(403);
      expect(r.body.error).toEqual({
        code: "forbidden",
        message: `this API key lacks the scope "${scope}", which ${what} needs`,
        details: { requiredScope: scope, keyScopes: ["read", "write", "admin"].filter((s) => s !== scope) },
      });
    },
  );

  test("a read-only key can read but gets 403 on writes, and is told which scope is missing", async () => {
    const list = await api.request("GET", "/v1/segments", { key: READ_KEY });
    expect(list.status).toBe(200);
    const validate = await api.request("POST", "/v1/segments/validate", {
      key: READ_KEY,
      body: { definition: "true" },
    });
    expect(validate.status).toBe(200);
    const create = await api.request("POST", "/v1/segments", {
      key: READ_KEY,
      body: { id: "vip", name: "VIP", definition: "true" },
    });
    expect(create.status).toBe(403);
    expect(create.body).toEqual({
      error: {
        code: "forbidden",
        message: 'this API key lacks the scope "write", which POST /v1/segments needs',
        details: { requiredScope: "write", keyScopes: ["read"] },
      },
    });
    expect((await api.request("GET", "/v1/segments/vip", { key: READ_KEY })).status).toBe(404);
    const events = await api.request("POST", "/v1/events", { key: READ_KEY, body: { events: [] } });
    expect(events.status).toBe(403);
    const models = await api.request("GET", "/v1/models", { key: READ_KEY });
    expect(models.status).toBe(403);
    expect(models.body.error.details.requiredScope).toBe("admin");
  });

  test("a key with the scope gets past the check (not 401 or 403) on every route", async () => {
    for (const [method, path] of scoped) {
      const r = await api.request(method, path, { body: someBody(method) });
      expect([401, 403], `${method} ${path}`).not.toContain(r.status);
    }
  });
});

describe("Bull Board", () => {
  test("answers 200 with Basic credentials and lists every queue", async () => {
    const auth = { key: null, headers: { authorization: basic("ops", KEY) } };
    const page = await api.request("GET", "/admin/queues", auth);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/html/);
    const queues = await api.request("GET", "/admin/queues/api/queues", auth);
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QUEUE_NAMES).sort());
    expect(names).toEqual(
      expect.arrayContaining(["evaluation-runs", "evaluation-shards", "propensity", "feed"]),
    );
  });

  test("answers 401 without credentials, its API too", async () => {
    for (const path of ["/admin/queues", "/admin/queues/api/queues"]) {
      expect((await api.request("GET", path, { key: null })).status).toBe(401);
    }
  });
});
