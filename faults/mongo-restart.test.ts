/**
 * Fault: the MongoDB server stopped and started again in the middle of a batch run. Shard jobs
 * that meet the outage fail, back off and are retried (their writes carry the run id and are
 * fenced, so a retry changes nothing twice); the run completes with the memberships, counts and
 * recorded changes of a clean run (SECURITY.md, "MongoDB restarted during a run").
 *
 * The processes talk to a private FerretDB (startPrivateFerretdb) in front of the shared
 * PostgreSQL, which this test stops and starts; the test itself reads the same database through
 * the shared server. Skipped where MongoDB is not this checkout's FerretDB (MONGO_URL, mongod).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueInspector } from "@segflow/queues";
import { openStore, type Store } from "@segflow/store";
import {
  Api,
  mongoUrlWithDatabase,
  type PrivateFerretdb,
  type Running,
  startPrivateFerretdb,
  startSegflow,
  waitFor,
} from "@segflow/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
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
const OUTAGE_MS = 12_000;
const ferretdb: PrivateFerretdb | undefined = await startPrivateFerretdb();
let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

beforeAll(async () => {
  if (!ferretdb) return;
  const deployment = await faultEnv(
    "mongo-restart",
    { SHARD_COUNT: String(SHARDS), JOB_LOCK_MS: "4000" },
    ferretdb.url,
  );
  env = deployment.env;
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), deployment.database));
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  const apiProc = startSegflow("api", "api", env);
  procs.push(apiProc, startSegflow("worker", "worker-a", env), startSegflow("worker", "worker-b", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  await loadPopulation(api, 2000, NOW);
});

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  if (env) {
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    await queues.obliterate().finally(() => queues.close());
  }
  await store?.db.dropDatabase();
  await store?.close();
  await ferretdb?.close();
});

// Fails without its protection: with the shard job's attempts at 1 (catalog.ts), the shard that
// meets the outage fails for good and so does the run; with unfenced shard writes a retried
// shard would count its realized memberships again and the counts would not equal a clean run's.
it.skipIf(!ferretdb)(
  "a run survives a MongoDB restart: shards retry, the run equals a clean run",
  async () => {
    const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
      now: new Date(NOW).toISOString(),
    });
    await waitFor("a shard done", async () => {
      const run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
      return run.progress.shardsDone >= 1;
    });
    await ferretdb!.stop("SIGKILL");
    // Read through the shared server: the run was under way, shards still to come.
    expect(await store.runShards.countDocuments({ runId: id, counts: { $ne: null } })).toBeLessThan(SHARDS);
    const readyz = await api.call<{ checks: unknown }>("GET", "/readyz");
    expect(readyz.status).toBe(503);
    expect(readyz.body.checks).toMatchObject({ mongodb: { ok: false }, redis: { ok: true } });
    // Longer than the driver's server selection (10 s, packages/store store.ts): every shard that
    // needs the database meanwhile fails its attempt and is retried after its backoff.
    await sleep(OUTAGE_MS);
    await ferretdb!.start();

    const done = await runToCompletion(api, id);
    expect(done.progress).toMatchObject({ shardsDone: SHARDS, shardsTotal: SHARDS });
    const members = await expectedMembers(store, NOW);
    expect(await storedMembers(store)).toEqual(members);
    expect(done.counts).toEqual(firstRunCounts(members));
    const realized = Object.values(members).reduce((n, ids) => n + ids.length, 0);
    expect(await store.membershipChanges.countDocuments({ runId: id })).toBe(realized);
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    try {
      const shards = (await queues.queue("shards").getJobs(["completed"])).filter((j) => j.data.runId === id);
      expect(shards.length).toBe(SHARDS);
      // Shards met the outage: they failed an attempt and were retried after a backoff.
      expect(shards.some((j) => j.attemptsMade > 1)).toBe(true);
    } finally {
      await queues.close();
    }
  },
);
