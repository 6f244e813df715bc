/**
 * Batch segmentation end to end: real Redis and MongoDB-protocol server, the API and two
 * workers as separate OS processes. Memberships written for every profile must match the
 * offline evaluator on the same data and `now`, across a second run, a worker killed with
 * SIGKILL mid-run, and a repeated idempotency key.
 */

import { setTimeout as sleep } from "node:timers/promises";
import { type Queue, QueueInspector, schedulerIds } from "@segflow/queues";
import { compileSegments, type Profile } from "@segflow/segment-language";
import { currentRetentionDays, openStore, type RunDoc, type Store } from "@segflow/store";
import { Api, type Running, startSegflow as start, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentEnv } from "./deployment-env.js";
import { population, SEGMENTS } from "./population.js";

const KEY = "e2e-key";
const PROFILES = 300;
const NOW_1 = Date.parse("2026-11-29T12:00:00Z");
const NOW_2 = NOW_1 + 7 * 86_400_000;

/** The retention clean-up job's scheduler (and job name) before retention was a TTL index. */
const OLD_CLEANUP = schedulerIds.legacyCleanupEvents;

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

/** The queues under the test's prefix, as the processes see them. */
function inspectQueues(): QueueInspector {
  return new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
}

async function runToCompletion(body: unknown, headers?: Record<string, string>): Promise<Run> {
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", body, headers);
  return runToCompletionById(id);
}

async function runToCompletionById(id: string): Promise<Run> {
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

/**
 * Watches the run's shards until `worker` is active on one, freezes the worker and returns that
 * job when it is still unfinished (the worker frozen); undefined when the run ended first.
 */
async function catchHolding(
  shards: Queue,
  worker: Running,
  runId: string,
  now: number,
): Promise<{ runId: string; jobId: string; now: number } | undefined> {
  const suffix = `:${worker.child.pid}`;
  for (;;) {
    const run = await api.ok<Run>("GET", `/v1/evaluations/${runId}`);
    if (run.status === "completed" || run.status === "failed") return undefined;
    const job = (await shards.getActive()).find(
      (j) => j.data.runId === runId && j.processedBy?.endsWith(suffix),
    );
    if (job?.id !== undefined) {
      worker.child.kill("SIGSTOP");
      await sleep(300);
      if ((await shards.getJobState(job.id)) === "active") return { runId, jobId: job.id, now };
      worker.child.kill("SIGCONT");
    }
    await sleep(10);
  }
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
  const deployment = await deploymentEnv("e2e", KEY, {
    SHARD_COUNT: "8",
    JOB_LOCK_MS: "4000",
    EVENT_RETENTION_DAYS: "365",
  });
  env = deployment.env;
  const { mongoUrl, port } = deployment;
  store = await openStore(mongoUrl);
  // As a deployment from before TTL retention left Redis: the workers must remove it.
  const old = inspectQueues();
  await old
    .queue("runs")
    .upsertJobScheduler(
      OLD_CLEANUP,
      { every: 6 * 3_600_000, startDate: Date.now() + 6 * 3_600_000 },
      { name: OLD_CLEANUP, data: {} },
    );
  await old.close();
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
  const queues = inspectQueues();
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

describe("store setup and retention across processes", () => {
  it("the API set the events' TTL index to EVENT_RETENTION_DAYS before it listened", async () => {
    expect(await currentRetentionDays(store)).toBe(Number(env.EVENT_RETENTION_DAYS));
  });

  it("the workers removed the clean-up scheduler and its pending job an older deployment left", async () => {
    const queues = inspectQueues();
    const runs = queues.queue("runs");
    try {
      await waitFor("old scheduler removed", async () => !(await runs.getJobScheduler(OLD_CLEANUP)), 30_000);
      expect((await runs.getDelayed()).filter((job) => job.name === OLD_CLEANUP)).toEqual([]);
    } finally {
      await queues.close();
    }
  });
});

/** The realized and exited changes a run counted: what its shards recorded in `membership_changes`. */
const changesCounted = (counts: Run["counts"]) =>
  Object.values(counts).reduce((n, c) => n + c.realized + c.exited, 0);
const recordedChanges = (runId: string) => store.membershipChanges.countDocuments({ runId, source: "batch" });

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
    // Profiles whose tags hold a nested array were stored as sent and are in "runners".
    const nested = profiles.filter((p) => JSON.stringify(p.attributes?.tags).includes('["vip"]]'));
    expect(nested.length).toBeGreaterThan(0);
    for (const p of nested) expect(actual.get(p.id)?.runners).toBe("realized");
    const stored = await store.profiles.findOne({ _id: nested[0]!.id });
    expect(stored?.attributes.tags).toEqual(["runner", 5, null, "Vip", ["vip"]]);
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
    expect(await recordedChanges(run.id)).toBe(changesCounted(run.counts));
  });

  it("completes a run with the same memberships when a worker is killed mid-run", async () => {
    const victim = procs[1]!;
    const queues = inspectQueues();
    const shards = queues.queue("shards");
    // Runs at later and later instants (every status recomputed) until worker-a is caught holding
    // an unfinished shard: a shard takes milliseconds here, so it is frozen (SIGSTOP) first and
    // killed only if its shard is still active once whatever it had sent Redis has landed.
    let caught: { runId: string; jobId: string; now: number } | undefined;
    for (let attempt = 1; caught === undefined; attempt++) {
      if (attempt > 20) throw new Error("worker-a never held an unfinished shard in 20 runs");
      const now = NOW_2 + attempt * 86_400_000;
      const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
        now: new Date(now).toISOString(),
      });
      caught = await catchHolding(shards, victim, id, now);
      if (caught === undefined) await runToCompletionById(id);
    }
    victim.child.kill("SIGKILL");
    await victim.stop();
    const run = await runToCompletionById(caught.runId);
    expect(run.progress.shardsDone).toBe(8);
    expect(membersOf(await statuses())).toEqual(await expectedMemberships(caught.now));
    // Its membership history holds each realized or exited change once, whatever the kill left.
    expect(await recordedChanges(caught.runId)).toBe(changesCounted(run.counts));
    // The shard worker-a held was finished by another worker once its lock expired.
    const recovered = await shards.getJob(caught.jobId);
    expect(recovered?.finishedOn).toBeGreaterThan(0);
    expect(recovered?.processedBy).not.toMatch(new RegExp(`:${victim.child.pid}$`));
    await queues.close();
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
