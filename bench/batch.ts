/**
 * `npm run bench` (last part): batch segmentation throughput on the local services.
 *
 * Seeds BENCH_PROFILES profiles (default 50,000, about 20 events each) and the 20 segments of
 * bench/segments.ts, then measures in one run:
 *   1. raw read: every shard streamed through the store (profiles merged with events), no evaluation;
 *   2. end to end with one worker process: POST /v1/evaluations → completed;
 *   3. end to end with two worker processes;
 *   4. live profile reads: GET /v1/profiles/:id?events=1000 (the profile and all its events) for
 *      BENCH_READS random profiles (default 2,000), one at a time, as p50 / p99 latency.
 * Memberships are cleared before each evaluated run, so both do the same writes.
 * BENCH_STREAMING=1 marks every segment streaming, so that each shard also schedules its
 * profiles' wake-ups (the instants of their next change with time alone): what that costs a run.
 * The last line is one JSON object with the figures.
 */
import { API_SCOPES, apiKeyEntry } from "@segflow/config";
import { QueueInspector } from "@segflow/queues";
import { createSegment, openStore, planShards, readShard } from "@segflow/store";
import {
  Api,
  ensureServices,
  freePort,
  mongoUrlWithDatabase,
  type Running,
  startSegflow as start,
  uniqueName,
  waitFor,
} from "@segflow/testing";
import { seedPopulation } from "./seed.js";
import { BENCH_SEGMENTS } from "./segments.js";

const PROFILES = Number(process.env.BENCH_PROFILES ?? 50_000);
// Shards of a run: enough for two workers to share evenly and to show progress as they go.
const SHARDS = Number(process.env.BENCH_SHARDS ?? 8);
const READS = Number(process.env.BENCH_READS ?? 2000);
const STREAMING = process.env.BENCH_STREAMING === "1";
const NOW = new Date("2026-11-29T12:00:00Z");
const KEY = "bench";
const log = (s: string) => console.log(s);

const services = await ensureServices({ log: (l) => console.error(l) });
const db = uniqueName("bench");
const mongoUrl = mongoUrlWithDatabase(services.mongoUrl, db);
const store = await openStore(mongoUrl);
log(`services: ${services.mongoKind} at ${services.mongoUrl}, redis at ${services.redisUrl}; database ${db}`);

// ---- seed -------------------------------------------------------------------------------
const { ids, events, seconds: seedSeconds } = await seedPopulation(store, { profiles: PROFILES, now: NOW });
for (const s of BENCH_SEGMENTS) await createSegment(store, { ...s, streaming: STREAMING });
log(
  `seeded ${PROFILES} profiles, ${events} events (${(events / PROFILES).toFixed(1)} per profile), ${BENCH_SEGMENTS.length}${STREAMING ? " streaming" : ""} segments in ${seedSeconds.toFixed(1)} s`,
);

// ---- raw read ---------------------------------------------------------------------------
// (seedPopulation built the read indexes: no API, which would create them, has started yet.)
const t = performance.now();
let read = 0;
for (const shard of planShards(SHARDS)) for await (const _ of readShard(store, shard)) read++;
const rawSeconds = (performance.now() - t) / 1000;
const rawPerSec = read / rawSeconds;
log(
  `raw read (${SHARDS} shards, one process, no evaluation): ${read} profiles in ${rawSeconds.toFixed(1)} s = ${Math.round(rawPerSec)} profiles/s`,
);

// ---- end to end -------------------------------------------------------------------------
const port = await freePort();
const queuePrefix = uniqueName("bench");
const env = {
  REDIS_URL: services.redisUrl,
  MONGO_URL: mongoUrl,
  QUEUE_PREFIX: queuePrefix,
  API_KEYS: apiKeyEntry(KEY, API_SCOPES, "bench"),
  PORT: String(port),
  SHARD_COUNT: String(SHARDS),
  WORKER_CONCURRENCY: "1",
  LOG_LEVEL: "warn",
};
const api = new Api(`http://127.0.0.1:${port}`, KEY);
const procs: Running[] = [start("api", "api", env)];
// Interrupted (Ctrl-C, a timeout): the processes started here must not outlive the benchmark.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(
    signal,
    () => void Promise.all(procs.map((p) => p.stop("SIGKILL"))).finally(() => process.exit(130)),
  );
}
await waitFor("api", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, procs[0]);

async function timedRun(workers: number): Promise<number> {
  while (procs.length - 1 < workers) procs.push(start("worker", `worker-${procs.length}`, env));
  await store.profiles.updateMany({}, { $unset: { segmentMembership: "" } });
  const started = performance.now();
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", { now: NOW.toISOString() });
  await waitFor(
    `run ${id}`,
    async () => {
      const r = await api.ok<{ status: string }>("GET", `/v1/evaluations/${id}`);
      if (r.status === "failed") throw new Error(JSON.stringify(r));
      return r.status === "completed";
    },
    4 * 3600_000,
  );
  const seconds = (performance.now() - started) / 1000;
  const perSec = PROFILES / seconds;
  log(
    `end to end, ${workers} worker${workers > 1 ? "s" : ""}: ${PROFILES} profiles × ${BENCH_SEGMENTS.length} segments in ${seconds.toFixed(1)} s = ${Math.round(perSec)} profiles/s`,
  );
  return perSec;
}

/** Latency of one profile read with its events, sequential requests, after a warm-up. */
async function profileReads(): Promise<{ p50: number; p99: number }> {
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  for (let i = 0; i < 50; i++) await api.ok("GET", `/v1/profiles/${pick()}?events=1000`);
  const ms: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    await api.ok("GET", `/v1/profiles/${pick()}?events=1000`);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2));
  const result = { p50: at(0.5), p99: at(0.99) };
  log(
    `profile read with its events (${READS} random profiles, one at a time): p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  return result;
}

try {
  const oneWorker = await timedRun(1);
  const twoWorkers = await timedRun(2);
  log(
    `one worker reaches ${((100 * oneWorker) / rawPerSec).toFixed(0)}% of the raw read rate, two workers ${((100 * twoWorkers) / rawPerSec).toFixed(0)}% (${(twoWorkers / oneWorker).toFixed(2)}× one)`,
  );
  const reads = await profileReads();
  console.log(
    JSON.stringify({
      profiles: PROFILES,
      eventsPerProfile: Number((events / PROFILES).toFixed(1)),
      segments: BENCH_SEGMENTS.length,
      streaming: STREAMING,
      shards: SHARDS,
      mongo: services.mongoKind,
      rawReadPerSec: Math.round(rawPerSec),
      oneWorkerPerSec: Math.round(oneWorker),
      twoWorkersPerSec: Math.round(twoWorkers),
      oneWorkerOfRaw: Number((oneWorker / rawPerSec).toFixed(2)),
      twoWorkersOfRaw: Number((twoWorkers / rawPerSec).toFixed(2)),
      profileReadP50Ms: reads.p50,
      profileReadP99Ms: reads.p99,
    }),
  );
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  // The runs' jobs, and the wake-ups delayed to days ahead, which no worker would ever take.
  const queues = new QueueInspector(services.redisUrl, queuePrefix);
  await queues.obliterate().finally(() => queues.close());
  await store.db.dropDatabase();
  await store.close();
}
