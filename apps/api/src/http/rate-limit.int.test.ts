/**
 * Rate limits (rate-limit.ts; SECURITY.md, "Rate limits shared by every API instance"): two API
 * apps over one Redis and one QUEUE_PREFIX count one key's requests together; past the limit a
 * 429 with Retry-After and the RateLimit-* headers; another key has its own budget; the probes
 * are not limited; an address that keeps failing authentication is refused before its key is
 * checked.
 *
 * Checked failing without the protections: with `app.use(limits.perKey)` removed from app.ts the
 * sixth request answered 200 (and no RateLimit-* headers); with the limiter keyed per process
 * (a prefix of its own per app) the second app answered 200 after the first had used the budget;
 * with `limits.addressGate` removed the right key after three wrong ones answered 200.
 */
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "@segflow/logger";
import { Producer, producerConnection } from "@segflow/queues";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../app.js";
import { KEY, OTHER_KEY, startTestApi, type TestApi } from "../testing/harness.js";

const PER_KEY = 5;
const FAILED_AUTH = 3;

let api: TestApi;
const servers: Server[] = [];
const producers: Producer[] = [];
const urls: string[] = [];

/** One more API instance over the same Redis, database and prefix, with its own connection. */
async function startInstance(): Promise<string> {
  const producer = new Producer(producerConnection(api.config.REDIS_URL), api.config.QUEUE_PREFIX);
  producers.push(producer);
  // A limiter whose Redis is not ready lets requests through; the counts below need it ready.
  if (producer.connection.status !== "ready") await once(producer.connection, "ready");
  const config = {
    ...api.config,
    RATE_LIMIT_PER_MINUTE: PER_KEY,
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: FAILED_AUTH,
  };
  const app = createApp({
    store: api.store,
    producer,
    config,
    logger: createLogger({ name: "rate-limit-test", level: "silent" }),
    onProfilesChanged: () => {},
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string, path: string, key: string | null) =>
  fetch(`${url}${path}`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  api = await startTestApi("api_rate_limit");
  urls.push(await startInstance(), await startInstance());
});
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await Promise.all(producers.map((p) => p.close()));
  await api?.close();
});

describe("per key, shared by the instances", () => {
  test("the budget is counted across both apps; then 429 with Retry-After and RateLimit-*", async () => {
    const [a, b] = urls as [string, string];
    const remaining: string[] = [];
    for (const url of [a, b, a, b, a]) {
      const r = await get(url, "/v1/segments", KEY);
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBe(String(PER_KEY));
      remaining.push(r.headers.get("ratelimit-remaining") ?? "");
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);

    const limited = await get(b, "/v1/segments", KEY);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    const body = (await limited.json()) as { error: unknown };
    expect(body.error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: retryAfter } });
  });

  test("another key has its own budget", async () => {
    const r = await get(urls[0] as string, "/v1/segments", OTHER_KEY);
    expect(r.status).toBe(200);
    expect(r.headers.get("ratelimit-remaining")).toBe(String(PER_KEY - 1));
  });

  test("pages outside /v1 are limited too (Bull Board, the docs)", async () => {
    const r = await get(urls[0] as string, "/docs/", KEY);
    expect(r.status).toBe(429);
  });

  test("the probes are not limited", async () => {
    for (let i = 0; i < PER_KEY + 2; i++) {
      const r = await get(urls[1] as string, "/healthz", null);
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBeNull();
    }
  });
});

describe("failed authentication, per address", () => {
  // Last: it blocks this address on both apps for the rest of the minute.
  test("past the budget of wrong keys, even a right key is refused", async () => {
    const [a, b] = urls as [string, string];
    for (const url of [a, b, a]) expect((await get(url, "/v1/segments", "guess")).status).toBe(401);
    const blocked = await get(b, "/v1/segments", "guess");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).not.toBeNull();
    // A right key from the same address: refused before the key is checked, so a guess that
    // happened to be right would not be told.
    const right = await get(a, "/v1/segments", OTHER_KEY);
    expect(right.status).toBe(429);
  });
});
