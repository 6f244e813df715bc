/**
 * Batch segmentation end to end: real Redis and MongoDB-protocol server, the API and two
 * workers as separate OS processes. Memberships written for every profile must match the
 * offline evaluator on the same data and `now`, across a second run, a worker killed with
 * SIGKILL mid-run, and a repeated idempotency key.
 */
import { compileSegments, type Profile } from "@segflow/segment-language";
import { openStore, type RunDoc, type Store } from "@segflow/store";
import {
  Api,
  freePort,
  mongoUrlWithDatabase,
  type Running,
  startSegflow as start,
  uniqueName,
  waitFor,
} from "@segflow/testing";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { population, SEGMENTS } from "./population.js";

const KEY = "e2e-key";
const PROFILES = 300;
const NOW_1 = Date.parse("2026-11-29T12:00:00Z");
const NOW_2 = NOW_1 + 7 * 86_400_000;

let store: Store;
let api: Api;
let env: Record<string, string>;
const procs: Running[] = [];
const profiles = population(PROFILES, 7, NOW_1);

type Run = {
  id: string;
  status: RunDoc["status"];
  progress: { shardsDone: number; shardsTotal: number };
  counts: Record<string, { realized: number; existing: number; exited: number; total: number }>;
};

async function runToCompletion(body: unknown, headers?: Record<string, string>): Promise<Run> {
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", body, headers);
  let run: Run | undefined;
  await waitFor(
    `run ${id}`,
    async () => {
      run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
      if (run.status === "failed") throw new Error(`run failed: ${JSON.stringify(run)}`);
      return run.status === "completed";
    },
    120_000,
  );
  return run!;
}

/** Offline truth: which segments each stored profile is in at `nowMs`. */
async function expectedMemberships(nowMs: number): Promise<Map<string, Set<string>>> {
  const compiled = compileSegments(SEGMENTS);
  const out = new Map<string, Set<string>>();
  for (const p of await currentProfiles()) {
    const results = compiled.evaluate(p, nowMs);
    out.set(p.id, new Set(compiled.ids.filter((_, i) => results[i])));
  }
  return out;
}

/** The profiles as stored now (attributes and events), in the evaluator's shape. */
async function currentProfiles(): Promise<Profile[]> {
  const docs = await store.profiles.find({}).toArray();
  const events = await store.events.find({}).toArray();
  return docs.map((d) => ({
    id: d._id,
    attributes: d.attributes,
    events: events.filter((e) => e.profileId === d._id),
  }));
}

async function statuses(): Promise<Map<string, Record<string, string>>> {
  const docs = await store.profiles.find({}).toArray();
  return new Map(
    docs.map((d) => [
      d._id,
      Object.fromEntries(Object.entries(d.segmentMembership ?? {}).map(([s, m]) => [s, m.status])),
    ]),
  );
}

function membersOf(all: Map<string, Record<string, string>>): Map<string, Set<string>> {
  return new Map(
    [...all].map(([id, m]) => [
      id,
      new Set(
        Object.entries(m)
          .filter(([, s]) => s !== "exited")
          .map(([seg]) => seg),
      ),
    ]),
  );
}

beforeAll(async () => {
  const db = uniqueName("e2e");
  const mongoUrl = mongoUrlWithDatabase(inject("mongoUrl"), db);
  const port = await freePort();
  env = {
    REDIS_URL: inject("redisUrl"),
    MONGO_URL: mongoUrl,
    QUEUE_PREFIX: uniqueName("q"),
    API_KEYS: KEY,
    PORT: String(port),
    SHARD_COUNT: "8",
    WORKER_CONCURRENCY: "1",
    JOB_LOCK_MS: "4000",
  };
  store = await openStore(mongoUrl);
  api = new Api(`http://127.0.0.1:${port}`, KEY);
  const apiProc = start("api", "api", env);
  procs.push(apiProc, start("worker", "worker-a", env), start("worker", "worker-b", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);

  for (let i = 0; i < profiles.length; i += 100) {
    const batch = profiles.slice(i, i + 100);
    await api.ok("POST", "/v1/profiles", {
      profiles: batch.map((p) => ({ id: p.id, attributes: p.attributes })),
    });
    const events = batch.flatMap((p) => (p.events ?? []).map((e) => ({ profileId: p.id, ...e })));
    if (events.length > 0) await api.ok("POST", "/v1/events", { events });
  }
  for (const s of SEGMENTS) await api.ok("POST", "/v1/segments", s);
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  const queues = ["evaluation-runs", "evaluation-shards"].map(
    (n) => new Queue(n, { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX }),
  );
  await Promise.all(queues.map(async (q) => q.obliterate({ force: true }).finally(() => q.close())));
  await store?.db.dropDatabase();
  await store?.close();
});

describe("batch evaluation across processes", () => {
  it("writes memberships that match the offline evaluator", async () => {
    const run = await runToCompletion({ now: new Date(NOW_1).toISOString() });
    expect(run.progress).toMatchObject({ shardsDone: 8, shardsTotal: 8 });
    const expected = await expectedMemberships(NOW_1);
    const actual = await statuses();
    expect(membersOf(actual)).toEqual(expected);
    for (const m of actual.values()) for (const s of Object.values(m)) expect(s).toBe("realized");
    for (const s of SEGMENTS) {
      const members = [...expected.values()].filter((set) => set.has(s.id)).length;
      expect(run.counts[s.id]).toEqual({ realized: members, existing: 0, exited: 0, total: members });
    }
    expect([...expected.values()].some((set) => set.size > 0)).toBe(true);
  });

  it("marks existing and exited on a second run after the data changed", async () => {
    const before = membersOf(await statuses());
    // Change the data: some profiles buy (leaving shoe-searchers, maybe joining big-spenders), some move.
    const changed = profiles.slice(0, 60);
    await api.ok("POST", "/v1/events", {
      events: changed.map((p) => ({
        profileId: p.id,
        type: "purchase",
        timestamp: new Date(NOW_2 - 3_600_000).toISOString(),
        properties: { revenue: 500 },
      })),
    });
    await api.ok("POST", "/v1/profiles", {
      profiles: profiles
        .slice(60, 120)
        .map((p) => ({ id: p.id, attributes: { country: "US", loyalty: { tier: "gold" } } })),
    });
    const run = await runToCompletion({ now: new Date(NOW_2).toISOString() });
    const after = await expectedMemberships(NOW_2);
    const actual = await statuses();
    const counts = Object.fromEntries(
      SEGMENTS.map((s) => [s.id, { realized: 0, existing: 0, exited: 0, total: 0 }]),
    );
    for (const [id, now] of after) {
      const was = before.get(id) ?? new Set();
      for (const s of SEGMENTS) {
        const status = actual.get(id)?.[s.id];
        const c = counts[s.id]!;
        if (now.has(s.id) && was.has(s.id)) {
          expect(status, `${id} ${s.id}`).toBe("existing");
          c.existing++;
        } else if (now.has(s.id)) {
          expect(status, `${id} ${s.id}`).toBe("realized");
          c.realized++;
        } else if (was.has(s.id)) {
          expect(status, `${id} ${s.id}`).toBe("exited");
          c.exited++;
        } else {
          expect(status === undefined || status === "exited", `${id} ${s.id}`).toBe(true);
        }
      }
    }
    for (const c of Object.values(counts)) c.total = c.realized + c.existing;
    expect(run.counts).toEqual(counts);
    expect(Object.values(counts).some((c) => c.exited > 0 && c.existing > 0 && c.realized > 0)).toBe(true);
  });

  it("completes a run with the same memberships when a worker is killed mid-run", async () => {
    // A fresh run at a third instant, so every status is recomputed.
    const now3 = NOW_2 + 86_400_000;
    const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
      now: new Date(now3).toISOString(),
    });
    const victim = procs[1]!;
    const shards = new Queue("evaluation-shards", {
      connection: { url: env.REDIS_URL },
      prefix: env.QUEUE_PREFIX,
    });
    // Kill worker-a while it holds a shard of this run, after at least one shard is done.
    let held: string | undefined;
    await waitFor(
      "worker-a holding a shard mid-run",
      async () => {
        const r = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
        if (r.progress.shardsDone < 1) return false;
        const active = await shards.getActive();
        held = active.find((j) => j.data.runId === id && j.processedBy?.endsWith(`:${victim.child.pid}`))?.id;
        return held !== undefined;
      },
      120_000,
    );
    victim.child.kill("SIGKILL");
    await victim.stop();
    let run: Run | undefined;
    await waitFor(
      "run completes without worker-a",
      async () => {
        run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
        return run.status === "completed";
      },
      120_000,
    );
    expect(run!.progress.shardsDone).toBe(8);
    expect(membersOf(await statuses())).toEqual(await expectedMemberships(now3));
    // The shard worker-a held was finished by another worker once its lock expired.
    const recovered = await shards.getJob(held!);
    expect(recovered?.finishedOn).toBeGreaterThan(0);
    expect(recovered?.processedBy).not.toMatch(new RegExp(`:${victim.child.pid}$`));
    await shards.close();
    // Restart a second worker for the remaining tests.
    procs[1] = start("worker", "worker-c", env);
  });

  it("runs a segment on its cron schedule through a BullMQ job scheduler", async () => {
    const since = new Date();
    await api.ok("PUT", "/v1/segments/us-gold", { schedule: "*/2 * * * * *" });
    try {
      await waitFor(
        "a scheduled run of us-gold",
        async () => {
          const { evaluations } = await api.ok<{
            evaluations: (Run & { segmentIds: string[]; createdAt: string })[];
          }>("GET", "/v1/evaluations");
          return evaluations.some(
            (r) =>
              r.status === "completed" && r.segmentIds.join() === "us-gold" && new Date(r.createdAt) > since,
          );
        },
        60_000,
      );
    } finally {
      await api.ok("PUT", "/v1/segments/us-gold", { schedule: null });
    }
  });

  it("creates one run for a repeated idempotency key", async () => {
    const headers = { "idempotency-key": "same-request-1" };
    const body = { segmentIds: ["us-gold"], now: new Date(NOW_2).toISOString() };
    const a = await api.ok<{ id: string }>("POST", "/v1/evaluations", body, headers);
    const b = await api.ok<{ id: string }>("POST", "/v1/evaluations", body, headers);
    expect(b.id).toBe(a.id);
    expect(await store.runs.countDocuments({ idempotencyKey: "same-request-1" })).toBe(1);
    await waitFor(
      "idempotent run completes",
      async () => (await api.ok<Run>("GET", `/v1/evaluations/${a.id}`)).status === "completed",
    );
  });

  it("drains and exits 0 on SIGTERM", async () => {
    const worker = procs[2]!;
    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(worker.output()).toContain("worker stopped");
  });
});
