/**
 * Fault: Redis with an eviction policy. BullMQ's keys must never be evicted (a lost job hash or
 * lock loses jobs silently), so the API, the worker and the trainer each refuse to start on a
 * Redis whose maxmemory-policy is not noeviction, and say why. A server that forbids CONFIG
 * (managed Redis) cannot be checked: the processes warn and start.
 *
 * Fails without its protection: with the requireNoEviction calls removed from
 * the three main.ts files, the processes start on the allkeys-lru Redis and the first test fails.
 */
import { type PrivateRedis, type Running, startPrivateRedis, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { faultEnv } from "./fault-env.js";

const KINDS = ["api", "worker", "trainer"] as const;
const servers: PrivateRedis[] = [];
const procs: Running[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop("SIGKILL")));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Waits until the process printed `text` (fails at once when it exits first). */
const printed = (p: Running, text: string) =>
  waitFor(`${p.name}: ${text}`, async () => p.output().includes(text), 60_000, p);

async function redisWith(args: string[]): Promise<string> {
  const redis = await startPrivateRedis(args);
  servers.push(redis);
  return redis.url;
}

async function startAll(redisUrl: string): Promise<Running[]> {
  const { env } = await faultEnv("eviction", { REDIS_URL: redisUrl });
  const started = KINDS.map((kind) => startSegflow(kind, kind, env));
  procs.push(...started);
  return started;
}

describe("a Redis that may evict keys", () => {
  it("the API, the worker and the trainer refuse to start and name the policy", async () => {
    const started = await startAll(await redisWith(["--maxmemory-policy", "allkeys-lru"]));
    await waitFor("all three exited", async () => started.every((p) => p.child.exitCode !== null), 30_000);
    const codes = started.map((p) => p.child.exitCode);
    for (const [i, p] of started.entries()) {
      expect(codes[i], `${p.name}: ${p.output()}`).toBe(1);
      expect(p.output()).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?"/);
      expect(p.output()).toContain("noeviction");
    }
  });

  it("with noeviction they start", async () => {
    const started = await startAll(await redisWith([]));
    const [api, worker, trainer] = started as [Running, Running, Running];
    await Promise.all([
      printed(api, "listening"),
      printed(worker, "worker started"),
      printed(trainer, "trainer started"),
    ]);
  });

  it("a Redis that forbids CONFIG (managed Redis) gets a warning, and they start", async () => {
    const started = await startAll(await redisWith(["--rename-command", "CONFIG", ""]));
    const [api, worker] = started as [Running, Running, Running];
    await Promise.all([printed(api, "listening"), printed(worker, "worker started")]);
    for (const p of started.slice(0, 2)) expect(p.output()).toContain("could not read maxmemory-policy");
  });
});
