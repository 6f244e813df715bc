/**
 * Fault: processes stopped under load. A worker sent SIGTERM while it holds a shard drains it
 * (finishes the shard, takes nothing new, exits 0) so that no job stalls, and the run ends as a
 * clean run would. An API killed with SIGKILL in the middle of a large POST /v1/events leaves
 * only whole events, each at most once, and the request sent again stores all of them
 * (SECURITY.md, "A worker stopped with SIGTERM" and "An API killed mid-request").
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueInspector } from "@segflow/queues";
import { openStore, type Store } from "@segflow/store";
import { Api, type Running, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectedMembers,
  firstRunCounts,
  loadPopulation,
  runToCompletion,
  storedMembers,
} from "./batch-fixture.js";
import { FAULT_KEY, faultEnv } from "./fault-env.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

function start(kind: "api" | "worker", name: string): Running {
  const p = startSegflow(kind, name, env);
  procs.push(p);
  return p;
}

async function startApi(): Promise<Running> {
  const p = start("api", "api");
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, p);
  return p;
}

beforeAll(async () => {
  const deployment = await faultEnv("shutdown", { SHARD_COUNT: "8", JOB_LOCK_MS: "4000" });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  await startApi();
  await loadPopulation(api, 2000, NOW);
});

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

describe("a worker stopped with SIGTERM while it holds a shard", () => {
  // Fails without its protection: without the worker's drainOnSignals (SIGTERM's default, an
  // immediate exit), the held shard is taken over after JOB_LOCK_MS by the stalled-job check:
  // its stalledCounter is 1, attemptsStarted 2, and the worker's exit is not 0.
  it("finishes that shard, exits 0, no job stalls, and the run equals a clean run", async () => {
    const a = start("worker", "worker-a");
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    const shards = queues.queue("shards");
    try {
      const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
        now: new Date(NOW).toISOString(),
      });
      // Freeze worker A on a shard it holds, so that SIGTERM lands while the shard is active.
      let held: string | undefined;
      await waitFor(
        "worker A holding a shard",
        async () => {
          const job = (await shards.getActive()).find((j) => j.processedBy?.endsWith(`:${a.child.pid}`));
          if (job?.id === undefined) return false;
          a.child.kill("SIGSTOP");
          await sleep(200);
          if ((await shards.getJobState(job.id)) === "active") held = job.id;
          else a.child.kill("SIGCONT");
          return held !== undefined;
        },
        60_000,
        a,
      );
      a.child.kill("SIGTERM");
      a.child.kill("SIGCONT");
      expect(await a.stop("SIGCONT"), a.output()).toBe(0);
      expect(a.output()).toContain("draining");
      const job = await shards.getJob(held!);
      expect(await job!.getState()).toBe("completed");
      expect(job!.processedBy).toMatch(new RegExp(`:${a.child.pid}$`));
      expect(job!.attemptsStarted).toBe(1);

      start("worker", "worker-b"); // the rest of the run
      const run = await runToCompletion(api, id);
      const members = await expectedMembers(store, NOW);
      expect(await storedMembers(store)).toEqual(members);
      expect(run.counts).toEqual(firstRunCounts(members));
      const realized = Object.values(members).reduce((n, ids) => n + ids.length, 0);
      expect(await store.membershipChanges.countDocuments({ runId: id })).toBe(realized);
      for (const key of ["shards", "runs"] as const) {
        for (const j of await queues.queue(key).getJobs(["completed", "failed", "active", "waiting"]))
          expect(j.stalledCounter, `${key} ${j.id}`).toBe(0);
      }
    } finally {
      await queues.close();
    }
  });
});

/** 5,000 events of `type` over 100 profiles, each told apart by `properties.seq`. */
function eventsOf(type: string) {
  return Array.from({ length: 5000 }, (_, seq) => ({
    profileId: `k-${String(seq % 100).padStart(3, "0")}`,
    type,
    timestamp: new Date(NOW - seq * 1000).toISOString(),
    properties: { seq, note: "x".repeat(200) },
  }));
}

/** Stored events of `type`: each whole (as sent), counted per seq. */
async function storedSeqs(type: string, sent: ReturnType<typeof eventsOf>): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  for (const e of await store.events.find({ type }).toArray()) {
    const seq = e.properties.seq as number;
    const event = sent[seq]!;
    expect({
      profileId: e.profileId,
      timestamp: e.timestamp.toISOString(),
      properties: e.properties,
    }).toEqual({
      profileId: event.profileId,
      timestamp: event.timestamp,
      properties: event.properties,
    });
    expect(e.bucket).toBeTypeOf("number");
    seen.set(seq, (seen.get(seq) ?? 0) + 1);
  }
  return seen;
}

/** Waits until the number of stored events of `type` has not changed for 1.5 s. */
async function settled(type: string): Promise<void> {
  let last = -1;
  for (;;) {
    const now = await store.events.countDocuments({ type });
    if (now === last) return;
    last = now;
    await sleep(1500);
  }
}

describe("an API killed with SIGKILL in the middle of a large POST /v1/events", () => {
  // What "no partial write visible" means for an unordered bulk insert (SECURITY.md): every
  // stored event is whole and stored once; which of the request's events are stored is not
  // said: an insert the database had received completes after the API died, storing none, some
  // or all of them. Events have no id yet, so a resend stores again those already stored: each
  // event is then stored once or twice, never lost, never more.
  // Fails without its protection: each event is one insert of a whole document; a write that
  // built an event in two steps (insert, then $set its properties) fails the "whole" check at
  // the kills that land between them.
  it("leaves whole events, each at most once; sent again, every event is stored", async () => {
    // How long the request takes when nothing happens, to kill at fractions of it.
    const clean = eventsOf("kill-clean");
    const startedAt = Date.now();
    await api.ok("POST", "/v1/events", { events: clean });
    const took = Date.now() - startedAt;
    let cut = 0;
    for (const [i, fraction] of [0.25, 0.5, 0.75].entries()) {
      const type = `kill-${i}`;
      const events = eventsOf(type);
      const apiProc = procs.find((p) => p.name === "api" && p.child.exitCode === null)!;
      const sending = api.call("POST", "/v1/events", { events }).then(
        () => "answered",
        () => "cut",
      );
      await sleep(Math.round(took * fraction));
      await apiProc.stop("SIGKILL");
      if ((await sending) === "cut") cut++;
      expect(
        [...(await storedSeqs(type, events)).values()].every((n) => n === 1),
        type,
      ).toBe(true);

      await startApi();
      const answer = await api.ok<{ accepted: number }>("POST", "/v1/events", { events });
      expect(answer.accepted).toBe(events.length);
      // The insert the database had received goes on without the API: read once it settled.
      await settled(type);
      const after = await storedSeqs(type, events);
      for (let seq = 0; seq < events.length; seq++) expect([1, 2]).toContain(after.get(seq));
    }
    expect(cut, "kills that cut a request before its answer").toBeGreaterThan(0);
    expect(await store.profiles.countDocuments({ _id: { $regex: "^k-" } })).toBe(100);
  });
});
