/**
 * `npm run bench:estimate`: how long the sample-based answers take on a store of BENCH_PROFILES
 * profiles (default 50,000, about 20 events each), through the API process over HTTP:
 *   1. POST /v1/segments/estimate at sample sizes 2,000 (the default), 5,000 and 20,000 (the
 *      most), each definition of bench/segments.ts in turn: latency, profiles read, how often the
 *      time budget cut the sample (packages/evaluation/src/sample.ts);
 *   2. POST /v1/segments/backtest with the default sample over 90 days, every day (91 points)
 *      and every 6 hours (361 points);
 *   3. GET /v1/profiles/:id/live for BENCH_READS random profiles (default 2,000), one at a time:
 *      p50 / p99 as the client sees it and as the API measured it (tookMs), 20 segments; each
 *      beside a plain profile read with its events, for what the machine gives at that moment.
 * Latencies are as seen by the client, one request at a time.
 *
 * Seeding 50,000 profiles takes about half a minute: BENCH_DB names a database to reuse, seeded
 * once with `segflow seed --profiles 50000 --seed 42 --now 2026-11-29T12:00:00Z --mongo-url
 * <MONGO_URL of npm run services, with that database>` (kept afterwards); without it a fresh
 * database is seeded and dropped. The last line is one JSON object with the figures.
 */
import { API_SCOPES, apiKeyEntry } from "@segflow/config";
import { createSegment, listSegments, openStore } from "@segflow/store";
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
const REUSE = process.env.BENCH_DB;
const ESTIMATES = Number(process.env.BENCH_ESTIMATES ?? 20);
const BACKTESTS = Number(process.env.BENCH_BACKTESTS ?? 5);
const READS = Number(process.env.BENCH_READS ?? 2000);
const NOW = new Date("2026-11-29T12:00:00Z");
const KEY = "bench";
const log = (s: string) => console.log(s);

const services = await ensureServices({ log: (l) => console.error(l) });
const db = REUSE ?? uniqueName("bench_estimate");
const mongoUrl = mongoUrlWithDatabase(services.mongoUrl, db);
const store = await openStore(mongoUrl);
log(`services: ${services.mongoKind} at ${services.mongoUrl}, redis at ${services.redisUrl}; database ${db}`);

// ---- the store --------------------------------------------------------------------------
const stored = await store.profiles.estimatedDocumentCount();
if (stored === 0) {
  const seeded = await seedPopulation(store, { profiles: PROFILES, now: NOW });
  log(`seeded ${PROFILES} profiles in ${seeded.seconds.toFixed(1)} s`);
} else if (stored !== PROFILES) {
  throw new Error(`database ${db} holds ${stored} profiles, not BENCH_PROFILES=${PROFILES}`);
}
const have = new Set((await listSegments(store)).map((s) => s._id));
for (const s of BENCH_SEGMENTS) if (!have.has(s.id)) await createSegment(store, s);
const events = await store.events.estimatedDocumentCount();
const ids = (await store.profiles.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
log(
  `${ids.length} profiles, ${events} events (${(events / ids.length).toFixed(1)} per profile), ${BENCH_SEGMENTS.length} segments`,
);

// ---- the API ----------------------------------------------------------------------------
const port = await freePort();
const env = {
  REDIS_URL: services.redisUrl,
  MONGO_URL: mongoUrl,
  QUEUE_PREFIX: uniqueName("bench"),
  API_KEYS: apiKeyEntry(KEY, API_SCOPES, "bench"),
  PORT: String(port),
  LOG_LEVEL: "warn",
};
const api = new Api(`http://127.0.0.1:${port}`, KEY);
const procs: Running[] = [start("api", "api", env)];
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(
    signal,
    () => void Promise.all(procs.map((p) => p.stop("SIGKILL"))).finally(() => process.exit(130)),
  );
}
await waitFor("api", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, procs[0]);

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2));
};

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const body = await call();
  return { ms: performance.now() - started, body };
}

type Estimate = { sampleSize: number; truncated: boolean };
type Backtest = { points: unknown[]; sample: { size: number; truncated: boolean } };

async function estimates(sampleSize: number, runs: number) {
  const ms: number[] = [];
  const read: number[] = [];
  let truncated = 0;
  for (let i = 0; i < runs; i++) {
    const { definition } = BENCH_SEGMENTS[i % BENCH_SEGMENTS.length]!;
    const r = await timed(() =>
      api.ok<Estimate>("POST", "/v1/segments/estimate", { definition, sampleSize, now: NOW.toISOString() }),
    );
    ms.push(r.ms);
    read.push(r.body.sampleSize);
    if (r.body.truncated) truncated++;
  }
  const out = {
    sampleSize,
    runs,
    p50Ms: quantile(ms, 0.5),
    maxMs: quantile(ms, 1),
    meanRead: Math.round(read.reduce((a, b) => a + b, 0) / runs),
    truncated,
  };
  log(
    `estimate, sample ${sampleSize}: p50 ${out.p50Ms.toFixed(0)} ms, max ${out.maxMs.toFixed(0)} ms over ${runs}; ${out.meanRead} profiles read on average; cut by the budget ${truncated} times`,
  );
  return out;
}

async function backtests(step: string, runs: number) {
  const ms: number[] = [];
  const read: number[] = [];
  let points = 0;
  let truncated = 0;
  for (let i = 0; i < runs; i++) {
    const { definition } = BENCH_SEGMENTS[i % BENCH_SEGMENTS.length]!;
    const r = await timed(() =>
      api.ok<Backtest>("POST", "/v1/segments/backtest", {
        definition,
        from: new Date(NOW.getTime() - 90 * 86_400_000).toISOString(),
        to: NOW.toISOString(),
        step,
      }),
    );
    ms.push(r.ms);
    read.push(r.body.sample.size);
    points = r.body.points.length;
    if (r.body.sample.truncated) truncated++;
  }
  const out = {
    step,
    points,
    runs,
    p50Ms: quantile(ms, 0.5),
    maxMs: quantile(ms, 1),
    meanRead: Math.round(read.reduce((a, b) => a + b, 0) / runs),
    truncated,
  };
  log(
    `backtest, 90 days every ${step} (${points} points), default sample: p50 ${out.p50Ms.toFixed(0)} ms, max ${out.maxMs.toFixed(0)} ms over ${runs}; ${out.meanRead} profiles read on average; cut ${truncated} times`,
  );
  return out;
}

/**
 * Live lookups, each next to a plain profile read with its events (`GET /v1/profiles/:id?events=1000`,
 * bench/batch.ts's measure) of another random profile, alternating which goes first: both see the
 * same machine, so the difference is what evaluating 20 segments adds.
 */
async function liveLookups() {
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const lookup = () => api.ok<{ tookMs: number }>("GET", `/v1/profiles/${pick()}/live`);
  const read = () => api.ok("GET", `/v1/profiles/${pick()}?events=1000`);
  for (let i = 0; i < 50; i++) await Promise.all([lookup(), read()]);
  const ms: number[] = [];
  const server: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const one = async () => {
      const r = await timed(lookup);
      ms.push(r.ms);
      server.push(r.body.tookMs);
    };
    const other = async () => reads.push((await timed(read)).ms);
    if (i % 2 === 0) await one().then(other);
    else await other().then(one);
  }
  const out = {
    p50Ms: quantile(ms, 0.5),
    p99Ms: quantile(ms, 0.99),
    serverP50Ms: quantile(server, 0.5),
    serverP99Ms: quantile(server, 0.99),
    profileReadP50Ms: quantile(reads, 0.5),
    profileReadP99Ms: quantile(reads, 0.99),
  };
  log(
    `live lookup (${READS} random profiles, ${BENCH_SEGMENTS.length} segments, one at a time): p50 ${out.p50Ms} ms, p99 ${out.p99Ms} ms (API's tookMs: p50 ${out.serverP50Ms} ms, p99 ${out.serverP99Ms} ms); a profile read with its events beside them: p50 ${out.profileReadP50Ms} ms, p99 ${out.profileReadP99Ms} ms`,
  );
  return out;
}

try {
  // A first request warms the API process (its modules, its connection pool) and the server's cache.
  await estimates(2000, 2);
  const estimate = [await estimates(2000, ESTIMATES), await estimates(5000, 5), await estimates(20_000, 5)];
  const backtest = [await backtests("1 day", BACKTESTS), await backtests("6 hours", BACKTESTS)];
  const live = await liveLookups();
  console.log(
    JSON.stringify({
      profiles: ids.length,
      eventsPerProfile: Number((events / ids.length).toFixed(1)),
      segments: BENCH_SEGMENTS.length,
      mongo: services.mongoKind,
      estimate,
      backtest,
      live,
    }),
  );
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  if (!REUSE) await store.db.dropDatabase();
  await store.close();
}
