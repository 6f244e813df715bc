/**
 * Fault: bursts of events. 10,000 events for one profile and 100,000 across 4,000 profiles,
 * posted through the API in requests of 5,000 (its limit), two at a time: every event is stored
 * (counts exact per profile), and the streaming memberships, evaluated while the events pour in
 * with requests for one profile coalesced, end as the offline evaluator says, each change
 * recorded once (SECURITY.md, "Bursts of events").
 */
import { QueueInspector } from "@segflow/queues";
import { openStore, type Store } from "@segflow/store";
import { Api, type Running, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FAULT_KEY, faultEnv } from "./fault-env.js";

const ONE = "burst-one";
const ONE_EVENTS = 10_000;
const PROFILES = 4000;
/** Profile i gets 15 or 35 ticks: 100,000 in all, half of the profiles over the threshold. */
const ticksOf = (i: number) => (i % 2 === 0 ? 15 : 35);
const PER_REQUEST = 5000;

const SEGMENTS = [
  {
    id: "ten-thousand",
    name: "10,000 bursts",
    definition: 'count(events where type = "burst") >= 10000',
    streaming: true,
  },
  { id: "ticking", name: "20 ticks", definition: 'count(events where type = "tick") >= 20', streaming: true },
];

let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

beforeAll(async () => {
  const deployment = await faultEnv("burst", { WORKER_CONCURRENCY: "2" });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  const apiProc = startSegflow("api", "api", env);
  procs.push(apiProc, startSegflow("worker", "worker-a", env), startSegflow("worker", "worker-b", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  for (const s of SEGMENTS) await api.ok("POST", "/v1/segments", s);
});

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

type Event = { profileId: string; type: string; timestamp: string; properties: { seq: number } };

/** Posts the events in requests of PER_REQUEST, two in flight; each must accept all it carries. */
async function post(events: Event[]): Promise<void> {
  const requests: Event[][] = [];
  for (let i = 0; i < events.length; i += PER_REQUEST) requests.push(events.slice(i, i + PER_REQUEST));
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const batch = requests[next++]!;
      const answer = await api.ok<{ accepted: number; rejected: unknown[] }>("POST", "/v1/events", {
        events: batch,
      });
      expect(answer).toEqual({ accepted: batch.length, rejected: [] });
    }
  };
  await Promise.all([lane(), lane()]);
}

/** Stored events of `type` per profile. */
async function countsOf(type: string): Promise<Map<string, number>> {
  const rows = await store.events
    .aggregate<{ _id: string; n: number }>([
      { $match: { type } },
      { $group: { _id: "$profileId", n: { $sum: 1 } } },
    ])
    .toArray();
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** Profile ids in the segment now (realized or existing), sorted. */
async function membersOf(segment: string): Promise<string[]> {
  const docs = await store.profiles
    .find(
      { [`segmentMembership.${segment}.status`]: { $in: ["realized", "existing"] } },
      { projection: { _id: 1 } },
    )
    .toArray();
  return docs.map((d) => d._id).sort();
}

// Fails without its protection: the events route stores before it queues, and each profile's
// evaluation reads its events after they are stored; with the coalescing's keepLastIfActive
// off (packages/queues producer.ts), an evaluation that read the profile before the last events
// were stored is the last one and some profiles stay out of "ticking" (the membership check
// times out). Counting per profile catches any lost or doubled event.
it("10,000 events for one profile and 100,000 across profiles: none lost, memberships right", async () => {
  const start = Date.now() - 3_600_000;
  const one: Event[] = Array.from({ length: ONE_EVENTS }, (_, seq) => ({
    profileId: ONE,
    type: "burst",
    timestamp: new Date(start + seq).toISOString(),
    properties: { seq },
  }));
  // Interleaved: each request holds events of many profiles, and a profile's events span requests.
  const many: Event[] = [];
  for (let round = 0; round < 35; round++) {
    for (let i = 0; i < PROFILES; i++) {
      if (round < ticksOf(i))
        many.push({
          profileId: `b-${String(i).padStart(5, "0")}`,
          type: "tick",
          timestamp: new Date(start + round * 1000 + i).toISOString(),
          properties: { seq: round },
        });
    }
  }
  expect(many.length).toBe(100_000);
  await Promise.all([post(one), post(many)]);

  expect(await countsOf("burst")).toEqual(new Map([[ONE, ONE_EVENTS]]));
  const ticks = await countsOf("tick");
  expect(ticks.size).toBe(PROFILES);
  for (let i = 0; i < PROFILES; i++) expect(ticks.get(`b-${String(i).padStart(5, "0")}`)).toBe(ticksOf(i));

  const expected = Array.from({ length: PROFILES }, (_, i) => i)
    .filter((i) => ticksOf(i) >= 20)
    .map((i) => `b-${String(i).padStart(5, "0")}`);
  await waitFor(
    "streaming memberships",
    async () => {
      const [ten, ticking] = await Promise.all([membersOf("ten-thousand"), membersOf("ticking")]);
      return ten.length === 1 && ticking.length === expected.length;
    },
    120_000,
  );
  expect(await membersOf("ten-thousand")).toEqual([ONE]);
  expect(await membersOf("ticking")).toEqual(expected);
  // Each member's change recorded once, and no one else's.
  const changes = await store.membershipChanges.find({ source: "streaming" }).toArray();
  expect(changes.map((c) => `${c.segmentId}:${c.profileId}:${c.status}`).sort()).toEqual(
    [`ten-thousand:${ONE}:realized`, ...expected.map((id) => `ticking:${id}:realized`)].sort(),
  );
});
