/**
 * The environment of one isolated segflow deployment for an end-to-end test: the services the
 * test run started, a database and a queue prefix of its own, a free API port, one job per worker
 * at a time. `apiKey` is the plain key the test sends: the API is given its hash, with every scope
 * (README.md, "API keys and scopes"). `overrides` set what a test needs besides (shards, lock
 * time, retention).
 */
import { API_SCOPES, apiKeyEntry } from "@segflow/config";
import { freePort, mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { inject } from "vitest";

export async function deploymentEnv(
  name: string,
  apiKey: string,
  overrides: Record<string, string> = {},
): Promise<{ env: Record<string, string>; mongoUrl: string; port: number }> {
  const mongoUrl = mongoUrlWithDatabase(inject("mongoUrl"), uniqueName(name));
  const port = await freePort();
  const env = {
    REDIS_URL: inject("redisUrl"),
    MONGO_URL: mongoUrl,
    QUEUE_PREFIX: uniqueName("q"),
    API_KEYS: apiKeyEntry(apiKey, API_SCOPES, "e2e"),
    PORT: String(port),
    WORKER_CONCURRENCY: "1",
    ...overrides,
  };
  return { env, mongoUrl, port };
}
