/** The process: configured by the environment, refuses to start without keys, stops cleanly on SIGTERM. */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { apiKeyEntry } from "@segflow/config";
import { Producer, producerConnection } from "@segflow/queues";
import { openStore } from "@segflow/store";
import { ensureServices, mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, describe, expect, test } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startApi(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--conditions=segflow-source", "--import", "tsx", MAIN], {
    cwd: ROOT,
    // Only what we give: the process must need nothing else.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d) => {
    text += d;
  });
  child.stderr?.on("data", (d) => {
    text += d;
  });
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return { child, output: () => text, exit };
}

async function waitFor(what: () => string | undefined, ms: number): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = what();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("main", () => {
  test("refuses to start without API keys, saying how to set them", async () => {
    const api = startApi({ API_KEYS: " , " });
    expect(await api.exit).toBe(1);
    expect(api.output()).toMatch(/API_KEYS is empty/);
  });

  test("refuses a plaintext key, saying how to hash it and not logging it", async () => {
    const api = startApi({ API_KEYS: "plain-secret-key" });
    expect(await api.exit).toBe(1);
    expect(api.output()).toMatch(/API_KEYS: entry 1: not a key hash with scopes/);
    expect(api.output()).toContain("npx segflow keys hash <key> --scopes");
    expect(api.output()).not.toContain("plain-secret-key");
  });

  test("a bad environment is named", async () => {
    const api = startApi({ API_KEYS: apiKeyEntry("k", ["read"]), MONGO_URL: "postgres://x" });
    expect(await api.exit).toBe(1);
    expect(api.output()).toMatch(/MONGO_URL: must be a mongodb:\/\/ URL/);
  });

  test("serves on PORT at 127.0.0.1 (the default HOST), logs the URL, and exits 0 on SIGTERM", async () => {
    const services = await ensureServices({ log: () => {} });
    const mongoUrl = mongoUrlWithDatabase(services.mongoUrl, uniqueName("api_main"));
    const prefix = uniqueName("api_main");
    cleanups.push(async () => {
      const store = await openStore(mongoUrl);
      await store.db.dropDatabase();
      await store.close();
      // The process created its queues (their meta keys) under the prefix.
      const producer = new Producer(producerConnection(services.redisUrl), prefix);
      await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true })));
      await producer.close();
    });
    const api = startApi({
      REDIS_URL: services.redisUrl,
      MONGO_URL: mongoUrl,
      QUEUE_PREFIX: prefix,
      PORT: "0",
      API_KEYS: apiKeyEntry("main-key", ["read"]),
      LOG_LEVEL: "info",
    });
    try {
      const url = await waitFor(
        () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(api.output())?.[1],
        20_000,
      );
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const segments = await fetch(`${url}/v1/segments`, { headers: { authorization: "Bearer main-key" } });
      expect(segments.status).toBe(200);
      expect(api.output()).not.toMatch(/main-key/); // request logs leave the Authorization header out
      api.child.kill("SIGTERM");
      expect(await api.exit).toBe(0);
      expect(api.output()).toMatch(/"msg":"stopped"/);
    } finally {
      api.child.kill("SIGKILL");
    }
  });
});
