/**
 * Fault: a segment whose evaluation throws on some profiles. The case is real, not injected: a
 * path through an array of objects collects their arrays' values, and an array of more than about
 * 120,000 values exceeds the call stack there (packages/segment-language `semantics/paths.ts`),
 * so `orders.items contains 5` throws a RangeError on such a profile. Profiles that large are
 * loaded straight into the store, as `segflow seed` or a migration would (the API's request limits
 * refuse them). The run must finish every other profile and segment, leave the failing
 * memberships as they were, and say which profiles failed and why, on the run and in
 * `GET /v1/evaluations/:id` (SECURITY.md, "A segment that throws on some profiles").
 *
 * Checked that it fails without its protection: with guardedEvaluator (packages/evaluation
 * guarded-evaluation.ts) rethrowing the compiled set's error, the shards holding a large profile
 * failed attempt after attempt and the run never completed (all three tests failed).
 */
import { QueueInspector } from "@segflow/queues";
import { compileSegments } from "@segflow/segment-language";
import { getRun, openStore, type Store, upsertProfiles } from "@segflow/store";
import { Api, type Running, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runToCompletion } from "./batch-fixture.js";
import { FAULT_KEY, faultEnv } from "./fault-env.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const SEGMENTS = [
  { id: "bought-5", name: "Bought item 5", definition: "orders.items contains 5" },
  { id: "us", name: "US", definition: 'country = "US"' },
];
const LARGE = ["large-a", "large-b", "large-c"];
const REGULAR = Array.from({ length: 60 }, (_, i) => `p-${i}`);

let env: Record<string, string>;
let store: Store;
let api: Api;
const procs: Running[] = [];

type Evaluation = Run & {
  status: string;
  errors: { segmentId: string; profileId: string; message: string }[];
  errorCount: number;
};

beforeAll(async () => {
  const deployment = await faultEnv("evalerrors", { SHARD_COUNT: "2" });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, FAULT_KEY);
  const apiProc = startSegflow("api", "api", env);
  procs.push(apiProc, startSegflow("worker", "worker", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  const huge = Array.from({ length: 200_000 }, (_, i) => i);
  await upsertProfiles(store, [
    ...REGULAR.map((id, i) => ({
      id,
      attributes: { country: i % 3 === 0 ? "US" : "FR", orders: [{ items: i % 2 === 0 ? [1, 5] : [2] }] },
    })),
    ...LARGE.map((id, i) => ({
      id,
      attributes: { country: i === 0 ? "US" : "DE", orders: [{ items: huge }] },
    })),
  ]);
  for (const s of SEGMENTS) await api.ok("POST", "/v1/segments", s);
}, 120_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

/** Offline truth per segment, each evaluated alone: the members, and the profiles it throws on. */
async function truth() {
  const out: Record<string, { members: string[]; throwsOn: string[] }> = {};
  const docs = await store.profiles.find({}).sort({ _id: 1 }).toArray();
  for (const s of SEGMENTS) {
    const one = compileSegments([s]);
    out[s.id] = { members: [], throwsOn: [] };
    for (const d of docs) {
      try {
        if (one.evaluate({ id: d._id, attributes: d.attributes, events: [] }, NOW)[0])
          out[s.id]!.members.push(d._id);
      } catch {
        out[s.id]!.throwsOn.push(d._id);
      }
    }
  }
  return out;
}

describe("a segment that throws on some profiles", () => {
  let run: Evaluation;

  it("the run completes and reports which profiles failed, for which segment, and why", async () => {
    const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
      now: new Date(NOW).toISOString(),
    });
    await runToCompletion(api, id);
    run = await api.ok<Evaluation>("GET", `/v1/evaluations/${id}`);
    const expected = await truth();
    // The case is real: the evaluator throws on the large profiles, for that segment only.
    expect(expected["bought-5"]!.throwsOn).toEqual(LARGE);
    expect(expected.us!.throwsOn).toEqual([]);
    expect(run.errorCount).toBe(LARGE.length);
    expect([...run.errors].sort((a, b) => a.profileId.localeCompare(b.profileId))).toEqual(
      LARGE.map((profileId) => ({
        segmentId: "bought-5",
        profileId,
        message: "RangeError: Maximum call stack size exceeded",
      })),
    );
    // The run document says the same.
    const doc = await getRun(store, id);
    expect(doc?.evaluationErrorCount).toBe(LARGE.length);
    expect(doc?.evaluationErrors).toHaveLength(LARGE.length);
  });

  it("every other membership is written and counted; the failing ones are left as they were", async () => {
    const expected = await truth();
    const docs = await store.profiles.find({}).sort({ _id: 1 }).toArray();
    for (const s of SEGMENTS) {
      const members = docs
        .filter((d) => d.segmentMembership?.[s.id]?.status === "realized")
        .map((d) => d._id);
      expect(members, s.id).toEqual(expected[s.id]!.members);
      expect(run.counts[s.id]).toEqual({
        realized: members.length,
        existing: 0,
        exited: 0,
        total: members.length,
      });
    }
    // The large profiles are in "us" where they qualify, and have no entry for the failing segment.
    expect(expected.us!.members).toContain("large-a");
    for (const d of docs.filter((x) => LARGE.includes(x._id)))
      expect(d.segmentMembership?.["bought-5"]).toBeUndefined();
  });

  it("no shard was retried for it", async () => {
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    try {
      const shards = await queues.queue("shards").getCompleted();
      const ofRun = shards.filter((j) => j.data.runId === run.id);
      expect(ofRun).toHaveLength(2);
      for (const j of ofRun) expect(j.attemptsMade).toBe(1);
    } finally {
      await queues.close();
    }
  });
});
