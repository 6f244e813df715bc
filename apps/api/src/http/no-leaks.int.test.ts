/**
 * Answers and logs never carry a key, a destination's secret or a stack trace (SECURITY.md, "No
 * keys, secrets or stack traces in answers and logs"). The app runs with a known key, logging at
 * `trace` into memory; requests that succeed and requests that fail (400, 401, 403, 404, 413, a
 * 500 provoked through a failing dependency) are made; every answer and every log line is then
 * searched for the key, the secret and a stack frame ("    at ").
 *
 * Checked failing without the protections: with the error handler logging `err` as pino
 * serializes it (stack included) and pino-http's default `err` serializer, the log held
 * "    at "; with `REDACTED_PATHS` emptied, a line logging a destination held the secret, and with
 * pino-http's default `req` serializer (headers included) as well, the log held the key (either
 * protection alone keeps it out).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createLogger } from "@segflow/logger";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../app.js";
import { KEY, READ_KEY, startTestApi, type TestApi } from "../testing/harness.js";

const SECRET = "whsec-do-not-leak-7c1e9a";
const STACK_FRAME = "    at ";

let api: TestApi;
let server: Server;
let url: string;
const logLines: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  api = await startTestApi("api_no_leaks");
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ name: "no-leaks", level: "trace", destination: sink });
  const app = createApp({
    store: api.store,
    producer: api.producer,
    config: api.config,
    logger,
    // A dependency that fails unexpectedly: POST /v1/events answers 500.
    onProfilesChanged: () => {
      throw new Error("streaming queue exploded");
    },
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A log line that carries a destination, as a careless handler might write it.
  logger.info({ destination: { id: "d", url: "http://x.test/", secret: SECRET } }, "destination");
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await api?.close();
});

async function call(method: string, path: string, body?: unknown, key: string | null = KEY, raw?: string) {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined || raw !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  answers.push(`${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${text}`);
  return res.status;
}

test("no answer or log line holds the key, the secret or a stack frame", async () => {
  const destination = { id: "hook", url: "http://127.0.0.1:9/hook", secret: SECRET };
  expect(await call("POST", "/v1/destinations", destination)).toBe(201);
  expect(await call("GET", "/v1/destinations/hook")).toBe(200);
  expect(await call("GET", "/v1/destinations")).toBe(200);
  expect(await call("PUT", "/v1/destinations/hook", { secret: SECRET, bogus: SECRET })).toBe(400);
  expect(await call("POST", "/v1/destinations", { ...destination, secret: 42 })).toBe(400);
  expect(
    await call("POST", "/v1/destinations", { ...destination, id: "hook2", secret: SECRET.repeat(100) }),
  ).toBe(400);
  expect(await call("POST", "/v1/segments", undefined, KEY, `{"name": "${KEY}", `)).toBe(400);
  expect(await call("GET", "/v1/segments", undefined, `${KEY}-wrong`)).toBe(401);
  expect(await call("GET", "/v1/segments", undefined, null)).toBe(401);
  expect(await call("POST", "/v1/destinations", destination, READ_KEY)).toBe(403);
  expect(await call("GET", "/v1/profiles/nobody")).toBe(404);
  expect(await call("GET", "/v1/nothing-here")).toBe(404);
  expect(
    await call("POST", "/v1/profiles", undefined, KEY, `{"profiles":[${"1,".repeat(6_000_000)}1]}`),
  ).toBe(413);
  const event = { profileId: "p", type: "t", timestamp: "2026-01-01T00:00:00Z" };
  expect(await call("POST", "/v1/events", { events: [event] })).toBe(500);

  const log = logLines.join("");
  // The requests were logged (the search below looks at something).
  expect(log).toContain('"statusCode":500');
  expect(log).toContain("streaming queue exploded");
  for (const [name, text] of [
    ["log", log],
    ["answers", answers.join("\n")],
  ] as const) {
    expect(text.includes(KEY), `${name} hold the key`).toBe(false);
    expect(text.includes(SECRET), `${name} hold the secret`).toBe(false);
    expect(text.includes(STACK_FRAME), `${name} hold a stack frame`).toBe(false);
  }
});
