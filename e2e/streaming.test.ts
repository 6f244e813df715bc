/**
 * Streaming segmentation end to end: real Redis and MongoDB-protocol server, the API and the
 * workers as separate OS processes. Events and profiles posted to the API are re-evaluated
 * against the streaming segments within moments: requests for one profile coalesce, a worker
 * killed mid-burst loses nothing, and a window that closes exits the profile at that instant
 * with no new event and no batch run. A batch run schedules those instants too, for profiles
 * that never went through the API.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueInspector } from "@segflow/queues";
import {
  insertEvents,
  type MembershipChangeDoc,
  openStore,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { Api, type Running, startSegflow as start, waitFor } from "@segflow/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deploymentEnv } from "./deployment-env.js";

const KEY = "e2e-stream-key";
/** A past day: its events open no window that could close during the test. */
const PAST = "2026-01-15T10:00:00Z";
const WINDOW_MS = 3000;

const SEGMENTS = [
  {
    id: "shoe",
    name: "Searched running shoes",
    definition: 'exists(events where type = "search" and keywords contains "running shoes")',
    streaming: true,
  },
  // Not streaming itself, but it reads a streaming segment: evaluated with it.
  { id: "shoe-us", name: "US shoe searchers", definition: 'inSegment("shoe") and country = "US"' },
  {
    id: "burst",
    name: "Ten bursts",
    definition: 'count(events where type = "burst") >= 10',
    streaming: true,
  },
  {
    id: "pinged",
    name: "Pinged in the last 3 seconds",
    definition: 'exists(events where type = "ping" and timestamp within last 0.05 minutes)',
    streaming: true,
  },
  // For profiles loaded straight into the store: only a batch run's wake-up can exit them.
  {
    id: "seeded",
    name: "Seed-pinged in the last 6 seconds",
    definition: 'exists(events where type = "seed-ping" and timestamp within last 0.1 minutes)',
    streaming: true,
  },
];
const SEEDED_WINDOW_MS = 6000;

let store: Store;
let api: Api;
let env: Record<string, string>;
let apiProc: Running;
const workers: Running[] = [];

function startWorker(name: string): Running {
  const w = start("worker", name, env);
  workers.push(w);
  return w;
}

async function changesOf(profileId: string): Promise<MembershipChangeDoc[]> {
  return store.membershipChanges.find({ profileId }).sort({ at: 1, _id: 1 }).toArray();
}

async function membership(profileId: string, segmentId: string) {
  const doc = await store.profiles.findOne({ _id: profileId });
  return doc?.segmentMembership?.[segmentId];
}

/** In the segment: realized, or existing once evaluated again (a later request may do so at once). */
async function isIn(profileId: string, segmentId: string): Promise<boolean> {
  const status = (await membership(profileId, segmentId))?.status;
  return status === "realized" || status === "existing";
}

beforeAll(async () => {
  const deployment = await deploymentEnv("e2e_stream", KEY, {
    JOB_LOCK_MS: "2000",
    STREAMING_CONCURRENCY: "4",
  });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, KEY);
  apiProc = start("api", "api", env);
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  for (const s of SEGMENTS) await api.ok("POST", "/v1/segments", s);
}, 120_000);

afterAll(async () => {
  await Promise.all([apiProc, ...workers].map((p) => p?.stop()));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

afterEach((context) => {
  // What the processes said, when a test fails: the likeliest place to see why.
  if (context.task.result?.state === "fail") {
    for (const p of [apiProc, ...workers]) console.log(`--- ${p.name}\n${p.output().slice(-4000)}`);
  }
});

describe("streaming evaluation", () => {
  it("coalesces: 100 requests for one profile while no worker runs are one evaluation, and none is lost", async () => {
    await api.ok("POST", "/v1/profiles", { profiles: [{ id: "c-1", attributes: { country: "FR" } }] });
    for (let i = 0; i < 99; i++) {
      await api.ok("POST", "/v1/events", {
        events: [{ profileId: "c-1", type: "search", timestamp: PAST, properties: { keywords: "socks" } }],
      });
    }
    await api.ok("POST", "/v1/events", {
      events: [
        { profileId: "c-1", type: "search", timestamp: PAST, properties: { keywords: "running shoes" } },
      ],
    });
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    try {
      const waiting = (await queues.queue("streaming").getWaiting()).filter(
        (j) => j.data.profileId === "c-1",
      );
      expect(waiting).toHaveLength(1);

      startWorker("worker-a");
      startWorker("worker-b");
      const evaluations = async () =>
        (await queues.queue("streaming").getCompleted()).filter(
          (j) => j.name === "evaluate-profile" && j.data.profileId === "c-1",
        ).length;
      await waitFor("c-1 evaluated", async () => (await evaluations()) > 0, 60_000);
      // Time for a second evaluation to show, were there one to come.
      await sleep(500);
      expect(await evaluations()).toBe(1);
      expect((await membership("c-1", "shoe"))?.status).toBe("realized");
    } finally {
      await queues.close();
    }
    expect(await store.events.countDocuments({ profileId: "c-1" })).toBe(100);
    // Not in the US: the dependent segment was evaluated and left it out.
    expect(await membership("c-1", "shoe-us")).toBeUndefined();
  });

  it("an event that makes a profile qualify realizes it (and its dependents), recorded once", async () => {
    await api.ok("POST", "/v1/profiles", { profiles: [{ id: "q-1", attributes: { country: "US" } }] });
    await api.ok("POST", "/v1/events", {
      events: [
        { profileId: "q-1", type: "search", timestamp: PAST, properties: { keywords: "running shoes" } },
      ],
    });
    await waitFor("q-1 in shoe-us", () => isIn("q-1", "shoe-us"));
    expect(await membership("q-1", "shoe")).toMatchObject({ source: "streaming" });

    // Another qualifying event: still in (existing), no new change.
    await api.ok("POST", "/v1/events", {
      events: [
        { profileId: "q-1", type: "search", timestamp: PAST, properties: { keywords: "running shoes" } },
      ],
    });
    await waitFor("q-1 existing", async () => (await membership("q-1", "shoe"))?.status === "existing");
    const changes = await changesOf("q-1");
    expect(changes.map((c) => [c.segmentId, c.status, c.source]).sort()).toEqual([
      ["shoe", "realized", "streaming"],
      ["shoe-us", "realized", "streaming"],
    ]);
  });

  it("a profile's attributes posted alone re-evaluate it", async () => {
    await api.ok("POST", "/v1/profiles", { profiles: [{ id: "c-1", attributes: { country: "US" } }] });
    await waitFor("c-1 in shoe-us", () => isIn("c-1", "shoe-us"));
  });

  it("a worker SIGKILLed mid-burst loses no event", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `b-${String(i).padStart(3, "0")}`);
    const victim = workers[0]!;
    for (let round = 0; round < 10; round++) {
      await api.ok("POST", "/v1/events", {
        events: ids.map((profileId) => ({ profileId, type: "burst", timestamp: PAST })),
      });
      if (round === 4) {
        // Mid-burst, with evaluations under way: no goodbye, its jobs are taken over when their locks lapse.
        await waitFor("the victim busy", async () => {
          const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
          try {
            const active = await queues.queue("streaming").getActive();
            return active.some((j) => j.processedBy?.endsWith(`:${victim.child.pid}`));
          } finally {
            await queues.close();
          }
        });
        victim.child.kill("SIGKILL");
      }
      if (round === 7) startWorker("worker-c");
    }
    const inBurst = async () => {
      const docs = await store.profiles.find({ _id: { $in: ids } }).toArray();
      return docs.filter((d) => ["realized", "existing"].includes(d.segmentMembership?.burst?.status ?? ""))
        .length;
    };
    await waitFor("every burst profile in", async () => (await inBurst()) === ids.length, 90_000);
    expect(await store.events.countDocuments({ type: "burst" })).toBe(1000);
    const realized = await store.membershipChanges.countDocuments({ segmentId: "burst", status: "realized" });
    expect(realized).toBe(ids.length);
  });

  it("a window that closes exits the profile at its instant, with no new event", async () => {
    const sent = new Date();
    await api.ok("POST", "/v1/events", {
      events: [{ profileId: "w-1", type: "ping", timestamp: sent.toISOString() }],
    });
    await waitFor("w-1 pinged", () => isIn("w-1", "pinged"));
    const closes = sent.getTime() + WINDOW_MS;
    await waitFor("w-1 exited", async () => (await membership("w-1", "pinged"))?.status === "exited", 20_000);
    const exit = (await changesOf("w-1")).find((c) => c.status === "exited")!;
    expect(exit).toMatchObject({ segmentId: "pinged", source: "streaming" });
    // At the instant the window closed (not before: still in until then), not at some later batch.
    expect(exit.at.getTime()).toBeGreaterThanOrEqual(closes);
    expect(exit.at.getTime() - closes).toBeLessThan(2000);
  });

  it("a batch run schedules the wake-up of a profile loaded straight into the store", async () => {
    const sent = new Date();
    // Written as a bulk load would: no API call, so no streaming evaluation and no wake-up yet.
    await upsertProfiles(store, [{ id: "s-1", attributes: {} }]);
    await insertEvents(store, [{ profileId: "s-1", type: "seed-ping", timestamp: sent }]);
    const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {});
    await waitFor("the run completed", async () => {
      const run = await api.ok<{ status: string }>("GET", `/v1/evaluations/${id}`);
      if (run.status === "failed") throw new Error(JSON.stringify(run));
      return run.status === "completed";
    });
    expect(await membership("s-1", "seeded")).toMatchObject({ status: "realized", runId: id });
    const closes = sent.getTime() + SEEDED_WINDOW_MS;
    await waitFor("s-1 exited", async () => (await membership("s-1", "seeded"))?.status === "exited", 20_000);
    const exit = (await changesOf("s-1")).find((c) => c.status === "exited")!;
    expect(exit).toMatchObject({ segmentId: "seeded", source: "streaming" });
    expect(exit.at.getTime()).toBeGreaterThanOrEqual(closes);
    expect(exit.at.getTime() - closes).toBeLessThan(2000);
  });
});
