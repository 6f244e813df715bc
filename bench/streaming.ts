/**
 * `npm run bench:streaming`: streaming segmentation on the local services, through the API and
 * two worker processes, as in production:
 *   1. event-to-membership latency: BENCH_RATE events a second (default 200) for BENCH_SECONDS
 *      (default 60), posted every 50 ms; half of them are the first `probe` event of a profile
 *      never probed before, which makes it enter the streaming segment `probe`. The latency of a
 *      probe is from just before its POST until the worker's log line saying it evaluated the
 *      profile and wrote `probe: realized` (logged after the membership write, the wake-up and
 *      the feed's publish request: a little more than the write itself). The other half are
 *      ordinary events on random profiles. Besides `probe`, the 20 segments of bench/segments.ts
 *      are streaming too, so each evaluation evaluates 21 segments on a profile with its ~20 events;
 *   2. live lookups: GET /v1/profiles/:id/live for BENCH_READS random profiles (default 2,000),
 *      one at a time, p50 / p99 as the client sees them;
 *   3. webhook delivery throughput (bench/webhook-throughput.ts): BENCH_WEBHOOK_CHANGES changes
 *      (default 20,000) delivered to two destinations by one worker.
 * BENCH_PROFILES (default 20,000) are seeded first. The last line is one JSON object.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { API_SCOPES, apiKeyEntry } from "@segflow/config";
import { createSegment, openStore } from "@segflow/store";
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
import { measureWebhooks } from "./webhook-throughput.js";

const PROFILES = Number(process.env.BENCH_PROFILES ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const READS = Number(process.env.BENCH_READS ?? 2000);
const WEBHOOK_CHANGES = Number(process.env.BENCH_WEBHOOK_CHANGES ?? 20_000);
const TICK_MS = 50;
const KEY = "bench";
const log = (s: string) => console.log(s);

const services = await ensureServices({ log: (l) => console.error(l) });
const db = uniqueName("bench_streaming");
const mongoUrl = mongoUrlWithDatabase(services.mongoUrl, db);
const store = await openStore(mongoUrl);
log(`services: ${services.mongoKind} at ${services.mongoUrl}, redis at ${services.redisUrl}; database ${db}`);

// ---- seed -------------------------------------------------------------------------------
const { ids, seconds: seedSeconds } = await seedPopulation(store, { profiles: PROFILES, now: new Date() });
for (const s of BENCH_SEGMENTS) await createSegment(store, { ...s, streaming: true });
await createSegment(store, {
  id: "probe",
  name: "Probed",
  definition: 'exists(events where type = "probe")',
  streaming: true,
});
log(
  `seeded ${PROFILES} profiles and ${BENCH_SEGMENTS.length + 1} streaming segments in ${seedSeconds.toFixed(1)} s`,
);

// ---- processes --------------------------------------------------------------------------
const port = await freePort();
const env = {
  REDIS_URL: services.redisUrl,
  MONGO_URL: mongoUrl,
  QUEUE_PREFIX: uniqueName("bench_streaming"),
  API_KEYS: apiKeyEntry(KEY, API_SCOPES, "bench"),
  PORT: String(port),
  LOG_LEVEL: "warn",
};
const api = new Api(`http://127.0.0.1:${port}`, KEY);
// The workers log each evaluation that wrote (info): the latency is read from those lines.
const workerEnv = { ...env, LOG_LEVEL: "info" };
const procs: Running[] = [
  start("api", "api", env),
  start("worker", "worker-1", workerEnv),
  start("worker", "worker-2", workerEnv),
];
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(
    signal,
    () => void Promise.all(procs.map((p) => p.stop("SIGKILL"))).finally(() => process.exit(130)),
  );
}
await waitFor("api", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, procs[0]);

const quantile = (sorted: number[], q: number) =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1));

// ---- 1. event-to-membership latency -------------------------------------------------------
/** When each worker finished writing a probed profile's membership, from its log lines. */
function probeWrites(): Map<string, number> {
  const done = new Map<string, number>();
  for (const worker of procs.slice(1)) {
    for (const line of worker.output().split("\n")) {
      if (!line.includes('"profile evaluated"') || !line.includes('"probe:realized"')) continue;
      const entry = JSON.parse(line) as { profileId: string; time: number };
      done.set(entry.profileId, entry.time);
    }
  }
  return done;
}

async function eventLatency() {
  const perTick = Math.round((RATE * TICK_MS) / 1000);
  const probesPerTick = Math.ceil(perTick / 2);
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  if (ticks * probesPerTick > ids.length)
    throw new Error(`BENCH_PROFILES must be at least ${ticks * probesPerTick}`);
  const sentAt = new Map<string, number>();
  let next = 0;
  let posted = 0;
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const wait = started + tick * TICK_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const timestamp = new Date().toISOString();
    const events = [];
    const probed: string[] = [];
    for (let i = 0; i < probesPerTick; i++) {
      const profileId = ids[next++]!;
      probed.push(profileId);
      events.push({ profileId, type: "probe", timestamp, properties: {} });
    }
    for (let i = probesPerTick; i < perTick; i++) {
      const profileId = ids[Math.floor(Math.random() * ids.length)]!;
      events.push({ profileId, type: "productView", timestamp, properties: { sku: `sku-${i}` } });
    }
    const sent = Date.now();
    for (const id of probed) sentAt.set(id, sent);
    posted += events.length;
    // Not awaited before the next tick: a slow answer must not lower the rate.
    inFlight.push(api.ok("POST", "/v1/events", { events }));
  }
  await Promise.all(inFlight);
  const sendSeconds = (performance.now() - started) / 1000;
  await waitFor("every probe written", async () => probeWrites().size >= sentAt.size, 120_000);
  const done = probeWrites();
  const latencies = [...sentAt].map(([id, sent]) => done.get(id)! - sent).sort((a, b) => a - b);
  const result = {
    events: posted,
    ratePerSec: Math.round(posted / sendSeconds),
    probes: latencies.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
  };
  log(
    `events: ${posted} in ${sendSeconds.toFixed(1)} s (${result.ratePerSec}/s), ${result.probes} probes: event-to-membership p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms`,
  );
  return result;
}

// ---- 2. live lookups --------------------------------------------------------------------
async function liveLookups() {
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  for (let i = 0; i < 50; i++) await api.ok("GET", `/v1/profiles/${pick()}/live`);
  const ms: number[] = [];
  for (let i = 0; i < READS; i++) {
    const began = performance.now();
    await api.ok("GET", `/v1/profiles/${pick()}/live`);
    ms.push(performance.now() - began);
  }
  ms.sort((a, b) => a - b);
  const result = { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
  log(
    `live lookup (${READS} random profiles, ${BENCH_SEGMENTS.length + 1} segments, one at a time): p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  return result;
}

try {
  const latency = await eventLatency();
  const live = await liveLookups();
  await Promise.all(procs.map((p) => p.stop()));
  const webhooks = await measureWebhooks({
    redisUrl: services.redisUrl,
    mongoUrl: services.mongoUrl,
    changes: WEBHOOK_CHANGES,
    log,
  });
  log(
    `webhooks: ${webhooks.changes} changes × ${webhooks.destinations} destinations in ${webhooks.deliveries} deliveries, ${webhooks.seconds.toFixed(1)} s: ${Math.round(webhooks.changesPerSec)} changes/s, ${webhooks.deliveriesPerSec.toFixed(1)} deliveries/s`,
  );
  console.log(
    JSON.stringify({
      mongo: services.mongoKind,
      profiles: PROFILES,
      streamingSegments: BENCH_SEGMENTS.length + 1,
      workers: 2,
      eventsPerSec: latency.ratePerSec,
      seconds: SECONDS,
      events: latency.events,
      probes: latency.probes,
      eventToMembershipP50Ms: latency.p50,
      eventToMembershipP95Ms: latency.p95,
      eventToMembershipP99Ms: latency.p99,
      eventToMembershipMaxMs: latency.max,
      liveLookupP50Ms: live.p50,
      liveLookupP99Ms: live.p99,
      webhookChanges: webhooks.changes,
      webhookDestinations: webhooks.destinations,
      webhookDeliveries: webhooks.deliveries,
      webhookChangesPerSec: Math.round(webhooks.changesPerSec),
      webhookDeliveriesPerSec: Number(webhooks.deliveriesPerSec.toFixed(1)),
    }),
  );
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  await store.db.dropDatabase();
  await store.close();
}
