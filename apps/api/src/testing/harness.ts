/**
 * The app on an ephemeral port over real Redis and MongoDB (FerretDB locally), isolated per test
 * file: a fresh database and a fresh queue prefix, dropped and obliterated by `close()`.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { API_SCOPES, type ApiScope, apiKeyEntry, loadConfig } from "@segflow/config";
import { createLogger } from "@segflow/logger";
import { Producer, producerConnection } from "@segflow/queues";
import { openStore, prepareStore, type Store } from "@segflow/store";
import { ensureServices, mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { createApp } from "../app.js";
import type { AppDeps } from "../deps.js";

/** Two keys with every scope. */
export const KEY = "test-key-1";
export const OTHER_KEY = "test-key-2";
/** A key with the scope `read` only. */
export const READ_KEY = "test-key-read";
/** For each scope, a key with every other scope but not that one. */
export const KEY_WITHOUT: Record<ApiScope, string> = {
  read: "test-key-without-read",
  write: "test-key-without-write",
  admin: "test-key-without-admin",
};

/** `API_KEYS` for the keys above: their hashes and scopes (README.md, "API keys and scopes"). */
export const TEST_API_KEYS = [
  apiKeyEntry(KEY, API_SCOPES, "test-1"),
  apiKeyEntry(OTHER_KEY, API_SCOPES, "test-2"),
  apiKeyEntry(READ_KEY, ["read"], "test-read"),
  ...API_SCOPES.map((scope) =>
    apiKeyEntry(
      KEY_WITHOUT[scope],
      API_SCOPES.filter((s) => s !== scope),
      `test-without-${scope}`,
    ),
  ),
].join(",");

// biome-ignore lint/suspicious/noExplicitAny: tests read replies loosely
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text (sent as is, JSON content type unless headers say otherwise). */
  raw?: string;
  /** API key sent as Bearer; null for none. @defaultValue KEY */
  key?: string | null;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  store: Store;
  producer: Producer;
  config: AppDeps["config"];
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies loosely
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

export async function startTestApi(
  name: string,
  extra: Pick<AppDeps, "onProfilesChanged" | "consoleDir"> = {},
): Promise<TestApi> {
  const services = await ensureServices({ log: () => {} });
  const prefix = uniqueName(name);
  const config = loadConfig({
    REDIS_URL: services.redisUrl,
    MONGO_URL: mongoUrlWithDatabase(services.mongoUrl, uniqueName(name)),
    QUEUE_PREFIX: prefix,
    API_KEYS: TEST_API_KEYS,
    SHARD_COUNT: "4",
    LOG_LEVEL: "silent",
    // Off: route tables are walked without keys and fuzzed; rate-limit.int.test.ts sets its own.
    RATE_LIMIT_PER_MINUTE: "0",
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: "0",
  });
  const logger = createLogger({ name: "api-test", level: "silent" });
  const store = await openStore(config.MONGO_URL);
  await prepareStore(store, { eventRetentionDays: config.EVENT_RETENTION_DAYS });
  const producer = new Producer(producerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
  const app = createApp({ store, producer, config, logger, ...extra });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? KEY : options.key;
    if (key !== null && !headers.authorization) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      body = options.raw ?? JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get("content-type")?.includes("json")) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  async function close(): Promise<void> {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await Promise.all(Object.values(producer.queues).map((queue) => queue.obliterate({ force: true })));
    await producer.close();
    await store.db.dropDatabase();
    await store.close();
  }

  return { url, store, producer, config, request, close };
}
