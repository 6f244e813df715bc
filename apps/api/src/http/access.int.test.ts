/** Authentication: every route but the health probes needs a key (Bearer, or Basic for browsers). */
import { QUEUE_NAMES } from "@segflow/queues";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { API_ROUTES } from "../routes.js";
import { KEY, OTHER_KEY, startTestApi, type TestApi } from "../testing/harness.js";

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

describe("everything else needs a key", () => {
  // Every declared route but the open ones (routes.ts), and what is mounted outside the table.
  const guarded = [
    ...API_ROUTES.filter((r) => r.auth !== "open").map(
      (r) => [r.method.toUpperCase(), r.path.replace(/:\w+/g, "churn")] as const,
    ),
    ["GET", "/openapi.json"],
    ["GET", "/docs/"],
    ["GET", "/metrics"],
    ["GET", "/admin/queues"],
    ["GET", "/no/such/route"],
  ] as const;

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
