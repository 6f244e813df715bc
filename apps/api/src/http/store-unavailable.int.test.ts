/**
 * A database that cannot be reached answers 503 with Retry-After, logged as a warning, not a 500:
 * through the real app, with a store whose client was closed and one whose server went away.
 */
import type { Server } from "node:http";
import net from "node:net";
import { createLogger } from "@segflow/logger";
import { openStore, type Store } from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApp } from "../app.js";
import { KEY, startTestApi, type TestApi } from "../testing/harness.js";
import { RETRY_AFTER_SECONDS } from "./errors.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_unavailable");
});
afterAll(async () => {
  await api?.close();
});

/** The app over `store`, on an ephemeral port; returns its URL, its logger and a way to stop it. */
async function appOver(store: Store) {
  const logger = createLogger({ name: "api-test", level: "silent" });
  const warn = vi.spyOn(logger, "warn");
  const error = vi.spyOn(logger, "error");
  const app = createApp({ store, producer: api.producer, config: api.config, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as net.AddressInfo;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { call, warn, error, stop };
}

/** A TCP relay to the test database that can be shut, leaving a closed port behind. */
async function relayToDatabase() {
  const target = new URL(api.config.MONGO_URL);
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 27017), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", () => resolve()));
  const { port } = relay.address() as net.AddressInfo;
  const url = new URL(api.config.MONGO_URL);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    shut: () => {
      relay.close();
      for (const s of sockets) s.destroy();
    },
  };
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("unavailable");
  expect(body.error.message).toMatch(/^database unavailable/);
}

describe("the database cannot be reached", () => {
  test("a closed client: 503 with Retry-After, logged at warn", async () => {
    const store = await openStore(mongoUrlWithDatabase(api.config.MONGO_URL, uniqueName("closed")));
    await store.close();
    const app = await appOver(store);
    try {
      await expectUnavailable(await app.call("GET", "/v1/profiles/p-1"));
      await expectUnavailable(
        await app.call("POST", "/v1/profiles", { profiles: [{ id: "p-1", attributes: {} }] }),
      );
      expect(app.warn).toHaveBeenCalledWith(
        expect.objectContaining({ method: "GET", url: "/v1/profiles/p-1" }),
        expect.stringMatching(/^database unavailable/),
      );
    } finally {
      await app.stop();
    }
  });

  test("a server that went away (its port closed): 503 with Retry-After", async () => {
    const relay = await relayToDatabase();
    const store = await openStore(mongoUrlWithDatabase(relay.url, uniqueName("gone")));
    const app = await appOver(store);
    try {
      const before = await app.call("GET", "/v1/profiles/p-1");
      expect(before.status).toBe(404); // reachable: an ordinary answer
      relay.shut();
      // A bulk write fails at once (connection refused); a read waits for a server for the
      // selection timeout (10 s in openStore), then gives up.
      await expectUnavailable(
        await app.call("POST", "/v1/events", {
          events: [{ profileId: "p-1", type: "x", timestamp: "2026-11-01T00:00:00Z" }],
        }),
      );
      await expectUnavailable(await app.call("GET", "/v1/profiles/p-1"));
      expect(app.error).not.toHaveBeenCalled();
    } finally {
      await app.stop();
      await store.close();
    }
  });
});
