/**
 * Propensity end to end: real Redis and MongoDB-protocol server, the API, a segment worker and
 * trainers as separate OS processes. A trainer killed with SIGKILL mid-training or mid-scoring
 * leaves no half-made version in use, and another trainer finishes the job; scores land on every
 * eligible profile and segments can use them; data that fails its checks and poor models are
 * reported, not written.
 */
import { QueueInspector } from "@segflow/queues";
import type { ModelDoc, ScoreEntry, Store } from "@segflow/store";
import { insertEvents, openStore, upsertProfiles } from "@segflow/store";
import { generatePopulation } from "@segflow/synthetic";
import { Api, type Running, startSegflow as start, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentEnv } from "./deployment-env.js";

const KEY = "e2e-key";
const PROFILES = 3000;
const NOW = new Date("2026-11-01T00:00:00Z");
/** Small population: lower Adobe's 500/500 minimums so the checks pass on a few thousand profiles. */
const SMALL_CHECKS = { minPositives: 100, minNegatives: 100 };

let store: Store;
let api: Api;
let env: Record<string, string>;
const procs: Running[] = [];

function startTrainer(name: string): Running {
  const proc = start("trainer", name, env);
  procs.push(proc);
  return proc;
}

async function model(id: string): Promise<ModelDoc> {
  const doc = await store.models.findOne({ _id: id });
  if (!doc) throw new Error(`model ${id} not stored`);
  return doc;
}

async function waitForStatus(
  id: string,
  statuses: ModelDoc["status"][],
  timeoutMs = 240_000,
  proc?: Running,
) {
  await waitFor(
    `model ${id} to be ${statuses.join(" or ")}`,
    async () => statuses.includes((await model(id)).status),
    timeoutMs,
    proc,
  );
}

async function scoresOf(modelId: string): Promise<Map<string, ScoreEntry>> {
  const docs = await store.profiles.find({}, { projection: { scores: 1 } }).toArray();
  return new Map(
    docs.flatMap((d) => {
      const entry = d.scores?.[modelId] as ScoreEntry | undefined;
      return entry === undefined ? [] : [[d._id, entry] as const];
    }),
  );
}

async function createAndTrain(body: Record<string, unknown>): Promise<string> {
  const created = await api.ok<{ id: string }>("POST", "/v1/models", body);
  await api.ok("POST", `/v1/models/${created.id}/train`, { now: NOW.toISOString() });
  return created.id;
}

beforeAll(async () => {
  const deployment = await deploymentEnv("e2e_prop", KEY, { SHARD_COUNT: "4", JOB_LOCK_MS: "4000" });
  env = deployment.env;
  const { mongoUrl, port } = deployment;
  store = await openStore(mongoUrl);
  for (const batch of chunks([...generatePopulation({ profiles: PROFILES, seed: 11, now: NOW })], 500)) {
    await upsertProfiles(
      store,
      batch.map((p) => ({ id: p.id, attributes: p.attributes })),
    );
    const events = batch.flatMap((p) => p.events.map((e) => ({ profileId: p.id, ...e })));
    await insertEvents(store, events, { ensureProfiles: false });
  }
  api = new Api(`http://127.0.0.1:${port}`, KEY);
  const apiProc = start("api", "api", env);
  procs.push(apiProc, start("worker", "worker", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
});

function chunks<T>(xs: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
}

describe("propensity end to end", () => {
  let churnId: string;

  it("a trainer killed mid-training leaves no version; another trainer trains and scores every profile", async () => {
    const first = startTrainer("trainer-a");
    churnId = await createAndTrain({
      id: "churn",
      name: "Churn in 30 days",
      type: "churn",
      goal: "type is not null",
      windowDays: 30,
      attributes: ["loyalty.tier"],
      dataChecks: SMALL_CHECKS,
    });
    await waitForStatus(churnId, ["training"], 60_000, first);
    await first.stop("SIGKILL");
    expect(await store.modelVersions.countDocuments({ modelId: churnId })).toBe(0);
    expect((await model(churnId)).activeVersion).toBeNull();

    const second = startTrainer("trainer-b");
    await waitForStatus(churnId, ["ready"], 300_000, second);
    const versions = await store.modelVersions.find({ modelId: churnId }).toArray();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "active"]]);
    expect((await model(churnId)).activeVersion).toBe(1);

    const scores = await scoresOf(churnId);
    expect(scores.size).toBe(PROFILES); // no eligible expression: everyone is scored
    for (const s of scores.values()) {
      expect(s.modelVersion).toBe(1);
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      expect(s.score).toBe(Math.round(s.probability * 100));
      expect(s.percentile).toBeGreaterThanOrEqual(1);
      expect(s.percentile).toBeLessThanOrEqual(100);
      expect(s.bucket).toBe(s.score >= 75 ? "high" : s.score >= 25 ? "medium" : "low");
      expect(s.factors).toHaveLength(3);
    }
    const metrics = versions[0]!.metrics as { auc: number; quality: string };
    expect(metrics.quality).toBe("good");
    expect(metrics.auc).toBeGreaterThan(0.7);
  }, 420_000);

  it("a segment on the scores selects exactly the profiles whose stored score qualifies", async () => {
    await api.ok("POST", "/v1/segments", {
      id: "likely-churners",
      name: "Likely to churn",
      definition: `scores.${churnId}.score >= 40`,
    });
    const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
      segmentIds: ["likely-churners"],
    });
    let counts: Record<string, { total: number }> = {};
    await waitFor(
      "evaluation",
      async () => {
        const run = await api.ok<{ status: string; counts: typeof counts }>("GET", `/v1/evaluations/${id}`);
        counts = run.counts;
        return run.status === "completed";
      },
      180_000,
    );
    const expected = [...(await scoresOf(churnId)).values()].filter((s) => s.score >= 40).length;
    expect(expected).toBeGreaterThan(0);
    expect(counts["likely-churners"]!.total).toBe(expected);
  }, 240_000);

  it("a trainer killed mid-scoring leaves the version inactive until another trainer finishes every shard", async () => {
    const trainer = startTrainer("trainer-c");
    const id = await createAndTrain({
      id: "buyers",
      name: "Purchase in 30 days",
      type: "conversion",
      goal: 'type = "purchase"',
      windowDays: 30,
      dataChecks: SMALL_CHECKS,
    });
    await waitFor(
      "a first scoring shard",
      async () => (await store.scoreShards.countDocuments({ scoringId: { $regex: `^${id}-v1-` } })) > 0,
      300_000,
      trainer,
    );
    await trainer.stop("SIGKILL");
    const during = await model(id);
    expect(during.activeVersion).toBeNull();
    expect(during.status).toBe("scoring");

    const next = startTrainer("trainer-d");
    await waitForStatus(id, ["ready"], 300_000, next);
    expect((await model(id)).activeVersion).toBe(1);
    const scores = await scoresOf(id);
    expect(scores.size).toBe(PROFILES);
    expect(new Set([...scores.values()].map((s) => s.modelVersion))).toEqual(new Set([1]));
  }, 420_000);

  it("training data that fails its checks fails the training with what is missing, without retries", async () => {
    const id = await createAndTrain({
      id: "rare",
      name: "Needs many buyers",
      type: "conversion",
      goal: 'type = "purchase"',
      windowDays: 30,
      dataChecks: { minPositives: 1_000_000, minNegatives: 100 },
    });
    await waitForStatus(id, ["failed"]);
    const failed = await model(id);
    expect(failed.error).toMatch(/positive training examples \(converted\); at least 1000000 are needed/);
    expect(await store.modelVersions.countDocuments({ modelId: id })).toBe(0);
  }, 300_000);

  it("a poor model is stored for inspection and its scores are not written", async () => {
    const id = await createAndTrain({
      id: "strict",
      name: "Unreachable AUC",
      type: "churn",
      goal: "type is not null",
      windowDays: 30,
      dataChecks: SMALL_CHECKS,
      minAuc: 0.99,
    });
    await waitForStatus(id, ["poor"]);
    const versions = await store.modelVersions.find({ modelId: id }).toArray();
    expect(versions.map((v) => v.status)).toEqual(["poor"]);
    expect((await model(id)).error).toMatch(/below 0\.99/);
    expect((await scoresOf(id)).size).toBe(0);
  }, 300_000);
});
