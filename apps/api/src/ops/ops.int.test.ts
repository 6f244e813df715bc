/** Operations: the OpenAPI document and docs page, metrics, readiness, and robustness to bad bodies. */
import type { AddressInfo } from "node:net";
import { createLogger } from "@segflow/logger";
import { Producer, producerConnection } from "@segflow/queues";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app.js";
import { KEY, startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_ops");
});
afterAll(async () => {
  await api?.close();
});

describe("OpenAPI", () => {
  test("/openapi.json is an OpenAPI 3.1 document with every route", async () => {
    const r = await api.request("GET", "/openapi.json");
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/healthz",
        "/readyz",
        "/v1/destinations",
        "/v1/destinations/{id}",
        "/v1/destinations/{id}/dead-letters",
        "/v1/destinations/{id}/dead-letters/replay",
        "/v1/destinations/{id}/dead-letters/{deliveryId}/replay",
        "/v1/events",
        "/v1/evaluations",
        "/v1/fields",
        "/v1/evaluations/{id}",
        "/v1/models",
        "/v1/models/{id}",
        "/v1/models/{id}/score",
        "/v1/models/{id}/train",
        "/v1/profiles",
        "/v1/profiles/{id}",
        "/v1/profiles/{id}/explain",
        "/v1/profiles/{id}/live",
        "/v1/profiles/{id}/memberships",
        "/v1/schedules",
        "/v1/schedules/all",
        "/v1/segments",
        "/v1/segments/backtest",
        "/v1/segments/estimate",
        "/v1/segments/validate",
        "/v1/segments/{id}",
      ].sort(),
    );
    expect(Object.keys(doc.paths["/v1/segments/{id}"]).sort()).toEqual(["delete", "get", "put"]);
    expect(Object.keys(doc.paths["/v1/models/{id}"]).sort()).toEqual(["delete", "get", "put"]);
    // Every $ref points at a component that exists.
    const refs = [...r.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
    // Generated from the zod schemas: limits and required fields come through.
    const upsert = doc.components.schemas.UpsertProfilesRequest;
    expect(upsert.properties.profiles).toMatchObject({ minItems: 1, maxItems: 1000 });
    expect(doc.components.schemas.ProfileInput.required).toEqual(["id", "attributes"]);
    expect(doc.components.schemas.EventInput.properties.timestamp).toMatchObject({ type: "string" });
    // What streaming does, where a client meets it: the segment's flag and the writes that trigger it.
    for (const body of ["CreateSegmentRequest", "UpdateSegmentRequest"]) {
      expect(doc.components.schemas[body].properties.streaming.description, body).toMatch(/re-evaluated/);
    }
    for (const path of ["/v1/events", "/v1/profiles"]) {
      expect(doc.paths[path].post.description, path).toMatch(/queued for streaming evaluation/);
    }
    expect(doc.paths["/healthz"].get.security).toEqual([]);
    expect(doc.components.securitySchemes.basicAuth).toEqual(expect.objectContaining({ scheme: "basic" }));
  });

  test("/docs serves Swagger UI", async () => {
    const page = await api.request("GET", "/docs/");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/swagger-ui/);
    const init = await api.request("GET", "/docs/swagger-ui-init.js");
    expect(init.status).toBe(200);
    expect(init.text).toContain("/v1/segments/estimate");
    expect(init.text).toContain("/v1/models/{id}/train");
  });
});

describe("metrics", () => {
  test("/metrics has the HTTP histogram by route and the queue gauges", async () => {
    await api.request("GET", "/v1/segments");
    await api.request("GET", "/v1/segments/nope");
    await api.producer.queues.shards.add(
      "evaluate-shard",
      { runId: "r", index: 0, bucketFrom: 0, bucketTo: 1 },
      {
        delay: 60_000,
      },
    );
    const r = await api.request("GET", "/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/plain/);
    expect(r.text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(r.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/segments",status_code="200"\} \d+/,
    );
    expect(r.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/segments\/:id",status_code="404"\} 1/,
    );
    expect(r.text).toMatch(/^segflow_queue_jobs\{queue="evaluation-runs",state="waiting"\} 0$/m);
    expect(r.text).toMatch(/^segflow_queue_jobs\{queue="evaluation-shards",state="delayed"\} 1$/m);
    expect(r.text).toMatch(/^process_cpu_user_seconds_total/m);
  });
});

describe("bad bodies are 4xx, never 500", () => {
  test("malformed JSON → 400 invalid_json", async () => {
    const r = await api.request("POST", "/v1/profiles", { raw: '{"profiles": [' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_json");
    expect(r.body.error.message).toMatch(/^body: not valid JSON/);
  });

  test("no body, or not JSON → 400 naming the body", async () => {
    const none = await api.request("POST", "/v1/segments");
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^body: expected a JSON object/);
    const text = await api.request("POST", "/v1/segments", {
      raw: "name=x",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(400);
  });

  test("a JSON body that is not an object → 400", async () => {
    for (const raw of ["[]", '"x"', "42", "null"]) {
      const r = await api.request("POST", "/v1/profiles", { raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.error.code, raw).toMatch(/invalid_request|invalid_json/);
    }
  });

  test("a huge body → 413", async () => {
    const big = JSON.stringify({
      profiles: [{ id: "p", attributes: { blob: "x".repeat(11 * 1024 * 1024) } }],
    });
    const r = await api.request("POST", "/v1/profiles", { raw: big });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("payload_too_large");
  });

  test("an unsupported charset → 415", async () => {
    const r = await api.request("POST", "/v1/profiles", {
      raw: "{}",
      headers: { "content-type": "application/json; charset=klingon" },
    });
    expect(r.status).toBe(415);
  });
});

describe("readiness with a dependency down", () => {
  test("/readyz → 503 naming Redis when it does not answer", async () => {
    // A producer on a port where nothing listens; the store is the test's, which answers.
    const producer = new Producer(producerConnection("redis://127.0.0.1:1"), "t_down");
    for (const q of Object.values(producer.queues)) q.on("error", () => {});
    producer.flows.on("error", () => {});
    const logger = createLogger({ name: "test", level: "silent" });
    const app = createApp({ store: api.store, producer, config: api.config, logger });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as {
        status: string;
        checks: Record<string, { ok: boolean; error?: string }>;
        error: { message: string };
      };
      expect(body.status).toBe("unavailable");
      expect(body.checks.mongodb).toEqual({ ok: true });
      expect(body.checks.redis?.ok).toBe(false);
      expect(body.error.message).toMatch(/^not ready: redis \(/);
      // Metrics still answer, without queue series.
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).not.toMatch(/^segflow_queue_jobs\{/m);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      producer.connection.disconnect();
      await producer.close().catch(() => {});
    }
  });
});
