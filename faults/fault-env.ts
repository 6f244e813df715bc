/**
 * The environment of one isolated segflow deployment for a fault test: like e2e/deployment-env.ts
 * (a database and a queue prefix of its own, a free API port), with `overrides` for the servers
 * a test owns (REDIS_URL of a private Redis, MONGO_URL of a private FerretDB) and its settings.
 */
import { createHash } from "node:crypto";
import { freePort, mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { inject } from "vitest";

export const FAULT_KEY = "fault-key";
/** API_KEYS holds a key's SHA-256 and its scopes, never the key (README.md, "API keys and scopes"). */
const FAULT_KEY_ENTRY = `faults:${createHash("sha256").update(FAULT_KEY).digest("hex")}:read+write+admin`;

export async function faultEnv(
  name: string,
  overrides: Record<string, string> = {},
  mongoServerUrl: string = inject("mongoUrl"),
): Promise<{ env: Record<string, string>; mongoUrl: string; port: number; database: string }> {
  const database = uniqueName(name);
  const mongoUrl = mongoUrlWithDatabase(mongoServerUrl, database);
  const port = await freePort();
  const env = {
    REDIS_URL: inject("redisUrl"),
    MONGO_URL: mongoUrl,
    QUEUE_PREFIX: uniqueName("q"),
    API_KEYS: FAULT_KEY_ENTRY,
    PORT: String(port),
    WORKER_CONCURRENCY: "1",
    ...overrides,
  };
  return { env, mongoUrl, port, database };
}
