/**
 * Fault: a worker that loses its lock through a long pause. Worker A is frozen (SIGSTOP) while
 * it holds a shard; its lock lapses (JOB_LOCK_MS 2 s), worker B takes the shard over and the run
 * completes; a later run then moves every membership on; only then is A woken (SIGCONT), with
 * the shard it was evaluating still in hand. Its late writes must change nothing: the shard's
 * writes are fenced by its attempt (run_shards/<run>/<i>: an attempt writes and finishes only
 * while it is the current one) and each profile's write is conditional on the entries it read
 * (packages/evaluation run-shard.ts, evaluate-shard.ts; SECURITY.md, "A worker that lost its
 * lock"). The final memberships, every run's counts and the membership history (what the feed
 * publishes) must equal a clean sequence of the same runs, computed offline with the same
 * transition rules.
 *
 * Checked that it fails without its protection: with runShard's attempt check made a no-op
 * (beforeWrite and the finish no longer asking run_shards), A's late evaluation wrote the first
 * run's entries over the later run's (the memberships test failed on hundreds of entries whose
 * runId and status were the zombie's).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueInspector } from "@segflow/queues";
import { compileSegments } from "@segflow/segment-language";
import { type MembershipEntry, membershipTransition, openStore, type Store } from "@segflow/store";
import { Api, type Running, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPopulation, type Run, type RunCounts, runToCompletion, SEGMENTS } from "./batch-fixture.js";
import { FAULT_KEY, faultEnv } from "./fault-env.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const DAY = 86_400_000;
const PROFILES = 2000;
let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

function start(kind: "api" | "worker", name: string): Running {
  const p = startSegflow(kind, name, env);
  procs.push(p);
  return p;
}

beforeAll(async () => {
  const deployment = await faultEnv("zombie", { SHARD_COUNT: "4", JOB_LOCK_MS: "2000" });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  const apiProc = start("api", "api");
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  await loadPopulation(api, PROFILES, NOW);
});

afterAll(async () => {
  for (const p of procs) if (p.child.signalCode === null) p.child.kill("SIGCONT");
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

const startRun = async (nowMs: number) =>
  (await api.ok<{ id: string }>("POST", "/v1/evaluations", { now: new Date(nowMs).toISOString() })).id;

type Entries = Map<string, Record<string, MembershipEntry>>;

/**
 * A clean sequence of runs, offline: each run's segments evaluated on the stored data at its
 * `now`, folded with the store's own transition rules; its entries, counts and history.
 */
async function cleanRuns(runs: { id: string; now: number }[]) {
  const compiled = compileSegments(SEGMENTS);
  const events = await store.events.find({}).toArray();
  const docs = await store.profiles.find({}).sort({ _id: 1 }).toArray();
  const entries: Entries = new Map(docs.map((d) => [d._id, {}]));
  const counts: Record<string, RunCounts> = {};
  const history: string[] = [];
  for (const run of runs) {
    const c: RunCounts = Object.fromEntries(
      SEGMENTS.map((s) => [s.id, { realized: 0, existing: 0, exited: 0, total: 0 }]),
    );
    for (const doc of docs) {
      const profile = {
        id: doc._id,
        attributes: doc.attributes,
        events: events.filter((e) => e.profileId === doc._id),
      };
      const results = compiled.evaluate(profile, run.now);
      const mine = entries.get(doc._id)!;
      compiled.ids.forEach((segment, i) => {
        const t = membershipTransition(mine[segment], results[i]!, run.id, new Date(run.now));
        if (t.counted) {
          c[segment]![t.counted]++;
          if (t.counted !== "exited") c[segment]!.total++;
        }
        if (!t.write) return;
        mine[segment] = t.write;
        if (t.write.status !== "existing") history.push(`${run.id}:${segment}:${doc._id} ${t.write.status}`);
      });
    }
    counts[run.id] = c;
  }
  return { entries, counts, history: history.sort() };
}

/** The stored entries, as the clean sequence describes them. */
async function storedEntries(): Promise<Entries> {
  const docs = await store.profiles.find({}).sort({ _id: 1 }).toArray();
  return new Map(
    docs.map((d) => [
      d._id,
      Object.fromEntries(
        Object.entries(d.segmentMembership ?? {}).map(([s, m]) => [
          s,
          {
            status: m.status,
            lastQualificationTime: m.lastQualificationTime,
            runId: m.runId,
            source: m.source,
          },
        ]),
      ),
    ]),
  );
}

describe("a worker that loses its lock through a long pause", () => {
  it("writes nothing late: memberships, counts and history equal a clean sequence of the runs", async () => {
    const a = start("worker", "worker-a");
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    const shards = queues.queue("shards");
    try {
      const runs = [
        { id: "", now: NOW },
        { id: "", now: NOW + DAY },
        { id: "", now: NOW + 8 * DAY },
      ];
      const [first, paused, later] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
      first.id = await startRun(first.now);
      await runToCompletion(api, first.id);

      // Worker A alone: it takes the paused run's first shard, and is frozen holding it.
      paused.id = await startRun(paused.now);
      let held: string | undefined;
      await waitFor(
        "worker A holding a shard",
        async () => {
          const job = (await shards.getActive()).find((j) => j.data.runId === paused.id);
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
      // Worker B takes the shard over once A's lock lapses; the run completes without A.
      start("worker", "worker-b");
      await runToCompletion(api, paused.id);
      // A later run moves every membership on, still without A.
      later.id = await startRun(later.now);
      await runToCompletion(api, later.id);

      // A wakes with the paused run's shard in hand and goes on with it.
      const before = a.output().length;
      a.child.kill("SIGCONT");
      await waitFor(
        "worker A done with the shard it held",
        async () => a.output().slice(before).includes(held!),
        60_000,
        a,
      );
      await sleep(500);

      const clean = await cleanRuns(runs);
      const stored = await storedEntries();
      // Compared segment by segment, in one order (stored keys are in the order they were written).
      const text = (e: Record<string, MembershipEntry> | undefined) =>
        JSON.stringify(Object.entries(e ?? {}).sort(([x], [y]) => x.localeCompare(y)));
      const differing = [...clean.entries].filter(([id, e]) => text(stored.get(id)) !== text(e));
      expect(
        differing.length,
        JSON.stringify(differing.slice(0, 2).map(([id, e]) => [id, e, stored.get(id)])),
      ).toBe(0);
      for (const run of runs) {
        expect((await api.ok<Run>("GET", `/v1/evaluations/${run.id}`)).counts, run.id).toEqual(
          clean.counts[run.id],
        );
      }
      const history = (await store.membershipChanges.find({}).toArray()).map((d) => `${d._id} ${d.status}`);
      expect(history.sort()).toEqual(clean.history);
      // The outbox holds nothing that is not in the history (what the feed publishes).
      const known = new Set(history.map((h) => h.split(" ")[0]));
      for (const d of await store.feedOutbox.find({}).toArray()) expect(known.has(d._id)).toBe(true);

      // The fence is what stopped A, and A lives on.
      expect(a.output().slice(before)).toContain("was taken over by another attempt");
      expect(a.child.exitCode).toBeNull();
      expect((await shards.getJob(held!))?.processedBy).not.toMatch(new RegExp(`:${a.child.pid}$`));
    } finally {
      await queues.close();
    }
  });
});
