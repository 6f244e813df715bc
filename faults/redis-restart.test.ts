/**
 * Fault: Redis restarted (AOF on) in the middle of a batch run. The run's jobs survive in the
 * AOF; the workers and the API reconnect by themselves; while Redis is down the API answers at
 * once: 503 for what needs Redis, `/readyz` 503 naming Redis, `/healthz` 200. The run completes
 * with the memberships, counts and recorded changes of a clean run (SECURITY.md, "Redis restarted
 * during a run").
 *
 * Runs against a private Redis (startPrivateRedis): restarting the shared one would disturb the
 * other test files.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueInspector } from "@segflow/queues";
import { openStore, type Store } from "@segflow/store";
import {
  Api,
  type PrivateRedis,
  type Running,
  startPrivateRedis,
  startSegflow,
  waitFor,
} from "@segflow/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  expectedMembers,
  firstRunCounts,
  loadPopulation,
  type Run,
  runToCompletion,
  storedMembers,
} from "./batch-fixture.js";
import { FAULT_KEY, faultEnv } from "./fault-env.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const SHARDS = 32;
let redis: PrivateRedis;
let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

beforeAll(async () => {
  redis = await startPrivateRedis();
  const deployment = await faultEnv("redis-restart", {
    REDIS_URL: redis.url,
    SHARD_COUNT: String(SHARDS),
    JOB_LOCK_MS: "4000",
  });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  const apiProc = startSegflow("api", "api", env);
  procs.push(apiProc, startSegflow("worker", "worker-a", env), startSegflow("worker", "worker-b", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  await loadPopulation(api, 2000, NOW);
});

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  await store?.db.dropDatabase();
  await store?.close();
  await redis?.close();
});

/** A request and how long its answer took. */
async function timed(method: string, path: string, body?: unknown) {
  const startedAt = Date.now();
  const answer = await api.call<{ error?: { code: string; message: string }; checks?: unknown }>(
    method,
    path,
    body,
  );
  return { ...answer, ms: Date.now() - startedAt };
}

// Fails without its protection (seen): POST /v1/events answered 500 here before queueEvaluations
// (apps/api/src/http/timeout.ts) turned a Redis failure after the write into a 503 saying what
// was stored. With the API's producer connection queuing commands while Redis is down (ioredis'
// default enableOfflineQueue) the requests would wait for Redis and the "at once" checks fail;
// with AOF off the restarted Redis has no jobs and the run never completes.
it("a run survives a Redis restart; while Redis is down the API answers at once and says why", async () => {
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
    now: new Date(NOW).toISOString(),
  });
  // Stop Redis once the run is under way: some shards done, others still to come.
  await waitFor("a shard done", async () => {
    const run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
    return run.progress.shardsDone >= 1;
  });
  await redis.stop("SIGTERM");
  const stoppedAt = await api.ok<Run>("GET", `/v1/evaluations/${id}`); // read from MongoDB
  expect(stoppedAt.progress.shardsDone).toBeLessThan(SHARDS);

  const healthz = await timed("GET", "/healthz");
  expect(healthz.status).toBe(200);
  const readyz = await timed("GET", "/readyz");
  expect(readyz.status).toBe(503);
  expect(readyz.body.error?.message).toMatch(/redis/);
  expect(readyz.body.checks).toMatchObject({ redis: { ok: false }, mongodb: { ok: true } });
  const run = await timed("POST", "/v1/evaluations", { now: new Date(NOW).toISOString() });
  expect(run.status, JSON.stringify(run.body)).toBe(503);
  // No hang: at once, not after a connect timeout (a couple of seconds at most).
  expect(run.ms).toBeLessThan(2500);
  expect(readyz.ms).toBeLessThan(2500);
  // Events are stored first; their evaluation cannot be queued: a 503 that says they are stored.
  const events = await timed("POST", "/v1/events", {
    events: [{ profileId: "r-down", type: "login", timestamp: new Date(NOW - 1000).toISOString() }],
  });
  expect(events.status, JSON.stringify(events.body)).toBe(503);
  expect(events.body.error?.message).toMatch(/1 events are stored .*could not be queued/);
  expect(events.ms).toBeLessThan(2500);
  expect(await store.events.countDocuments({ profileId: "r-down" })).toBe(1);

  await sleep(2000);
  await redis.start();
  await waitFor("api ready again", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 30_000);
  const done = await runToCompletion(api, id);

  const members = await expectedMembers(store, NOW);
  expect(await storedMembers(store)).toEqual(members);
  expect(done.counts).toEqual(firstRunCounts(members));
  const realized = Object.values(members).reduce((n, ids) => n + ids.length, 0);
  expect(await store.membershipChanges.countDocuments({ runId: id })).toBe(realized);
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  try {
    const shards = (await queues.queue("shards").getJobs(["completed"])).filter((j) => j.data.runId === id);
    expect(shards.length).toBe(SHARDS);
  } finally {
    await queues.close();
  }
  // The API enqueues again by itself.
  const again = await api.call("POST", "/v1/evaluations", { now: new Date(NOW).toISOString() });
  expect(again.status).toBe(202);
});
