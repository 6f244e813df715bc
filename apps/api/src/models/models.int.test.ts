/**
 * Propensity models: definitions checked with their positions, schedules as job schedulers,
 * training and scoring queued once per model, and the insights of a stored version.
 */
import { readFileSync } from "node:fs";
import type { ModelMetrics } from "@segflow/propensity";
import { MODEL_ID } from "@segflow/propensity/spec";
import {
  activateVersion,
  insertModelVersion,
  recordOutcomes,
  recordScoreShard,
  SEGMENT_ID,
  setModelStatus,
  startVersionScoring,
} from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_models");
});
afterAll(async () => {
  await api?.close();
});

const create = (body: unknown) => api.request("POST", "/v1/models", { body });
const purchase = (extra: Record<string, unknown> = {}) => ({
  name: "Purchase in 30 days",
  type: "conversion",
  goal: 'type = "purchase"',
  windowDays: 30,
  ...extra,
});
const trainingJobs = (name: string) =>
  api.producer.queues.training
    .getJobs(["waiting", "delayed", "prioritized", "active"])
    .then((jobs) => jobs.filter((j) => j.name === name));

describe("create, read, update, delete", () => {
  test("POST stores the model with its defaults → 201 with Location", async () => {
    const r = await create(purchase({ id: "buyers", attributes: ["loyalty.tier"] }));
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe("/v1/models/buyers");
    expect(r.body).toEqual({
      id: "buyers",
      name: "Purchase in 30 days",
      type: "conversion",
      goal: 'type = "purchase"',
      windowDays: 30,
      lookbackDays: 90,
      eligible: null,
      attributes: ["loyalty.tier"],
      eventTypes: null,
      schedule: { train: null, score: null },
      buckets: { medium: 25, high: 75 },
      dataChecks: { minPositives: 500, minNegatives: 500 },
      minAuc: 0.65,
      status: "untrained",
      activeVersion: null,
      error: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: r.body.createdAt,
    });
    // Stored as the trainer reads it: propensity's ModelSpec with its defaults, no stray nulls.
    const stored = await api.store.models.findOne({ _id: "buyers" });
    expect(stored?.spec).toEqual({
      name: "Purchase in 30 days",
      type: "conversion",
      goal: 'type = "purchase"',
      windowDays: 30,
      lookbackDays: 90,
      attributes: ["loyalty.tier"],
      schedule: {},
      buckets: { medium: 25, high: 75 },
      dataChecks: { minPositives: 500, minNegatives: 500 },
      minAuc: 0.65,
    });
  });

  test("every field is stored as given", async () => {
    const body = {
      id: "lapsing",
      name: "Churn of active buyers",
      type: "churn",
      goal: "type is not null",
      windowDays: 14,
      lookbackDays: 120,
      eligible: 'count(events where type = "purchase" and timestamp within last 90 days) >= 1',
      attributes: ["plan", "loyalty.tier"],
      eventTypes: ["purchase", "page_view"],
      buckets: { medium: 30, high: 80 },
      dataChecks: { minPositives: 50, minNegatives: 60 },
      minAuc: 0.7,
    };
    const r = await create(body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ...body, schedule: { train: null, score: null } });
  });

  test("the example model file of segflow propensity fit is taken as is (docs/examples/churn.json)", async () => {
    // The CLI's read-model.test.ts reads the same file: one document for both.
    const example = JSON.parse(
      readFileSync(new URL("../../../../docs/examples/churn.json", import.meta.url), "utf8"),
    );
    expect(example).toHaveProperty("id");
    expect(example).toHaveProperty("schedule.train");
    const r = await create(example);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject(example);
    expect(r.headers.get("location")).toBe(`/v1/models/${example.id}`);
  });

  test("a model id follows the rule of segment ids (both are MongoDB field names)", () => {
    // propensity restates the store's rule so that the CLI checks ids without the store.
    expect(MODEL_ID.source).toBe(SEGMENT_ID.source);
    expect(MODEL_ID.flags).toBe(SEGMENT_ID.flags);
  });

  test("without an id, one is made from the name, with underscores (scores.<id> in segments)", async () => {
    const r = await create(purchase({ name: "Upgrade to Pro (EU)" }));
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^upgrade_to_pro_eu_[0-9a-f]{6}$/);
    expect(r.body.id).toMatch(SEGMENT_ID);
  });

  test.each([
    ["a bad type", { type: "upsell" }, "type"],
    ["windowDays 0", { windowDays: 0 }, "windowDays"],
    ["windowDays 1.5", { windowDays: 1.5 }, "windowDays"],
    ["windowDays as a string", { windowDays: "30" }, "windowDays"],
    ["a missing goal", { goal: undefined }, "goal"],
    ["an empty goal", { goal: "  " }, "goal"],
    ["an id that is not a field name", { id: "a.b" }, "id"],
    ["an id starting with $", { id: "$x" }, "id"],
    ["lookbackDays over 730", { lookbackDays: 1000 }, "lookbackDays"],
    ["an empty attribute path", { attributes: [""] }, "attributes.0"],
    ["buckets out of order", { buckets: { medium: 80, high: 20 } }, "buckets"],
    ["minAuc under 0.5", { minAuc: 0.3 }, "minAuc"],
    ["a bad train cron", { schedule: { train: "every day" } }, "schedule.train"],
    ["a cron of 3 fields", { schedule: { score: "* * *" } }, "schedule.score"],
    ["an unknown schedule key", { schedule: { retrain: "0 3 * * *" } }, "schedule"],
  ])("%s → 400 naming %s", async (_what, change, field) => {
    const r = await create({ ...purchase({ id: "bad" }), ...change });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.details.issues[0].path).toBe(field);
    expect(r.body.error.message.startsWith(`${field}: `)).toBe(true);
    expect((await api.request("GET", "/v1/models/bad")).status).toBe(404);
  });

  test("an unknown field → 400 (a typo is never dropped silently)", async () => {
    const r = await create(purchase({ id: "bad", windowDay: 30 }));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/windowDay/);
  });

  test("a goal that does not parse → 400 with its position in the goal", async () => {
    const goal = "type = ";
    const r = await create(purchase({ id: "bad", goal }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_definition");
    const [error, ...more] = r.body.error.details.errors;
    expect(more).toEqual([]);
    expect(error).toMatchObject({
      field: "goal",
      line: 1,
      reason: expect.stringMatching(/expected a value/),
    });
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeLessThanOrEqual(goal.length + 1);
    expect(r.body.error.message).toBe(error.message);
    expect(error.message).toMatch(/^goal: 1:\d+: /);
  });

  test("a goal's error on its second line keeps its line and column", async () => {
    const r = await create(purchase({ id: "bad", goal: 'type = "purchase"\n  and properties.total >' }));
    expect(r.status).toBe(400);
    expect(r.body.error.details.errors[0]).toMatchObject({ field: "goal", line: 2 });
  });

  test("an eligible expression with an unknown function → 400 naming eligible", async () => {
    const r = await create(purchase({ id: "bad", eligible: "vipness(loyalty) > 2" }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_definition");
    expect(r.body.error.details.errors).toEqual([
      expect.objectContaining({
        field: "eligible",
        line: 1,
        column: 1,
        reason: 'unknown function "vipness"',
      }),
    ]);
  });

  test("a duplicate id → 409", async () => {
    const r = await create(purchase({ id: "buyers" }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
  });

  test("GET /v1/models lists the models", async () => {
    const r = await api.request("GET", "/v1/models");
    expect(r.status).toBe(200);
    const ids = (r.body.models as { id: string }[]).map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["buyers", "lapsing"]));
    expect(r.body.models.find((m: { id: string }) => m.id === "buyers")).toMatchObject({
      type: "conversion",
      status: "untrained",
    });
  });

  test("GET of an untrained model: no metrics, no versions", async () => {
    const r = await api.request("GET", "/v1/models/buyers");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "buyers", status: "untrained", activeVersion: null });
    expect(r.body).toMatchObject({ metrics: null, outcomes: null, scoring: null, versions: [] });
  });

  test("PUT replaces the fields given, checked whole; null removes an optional one", async () => {
    await create(purchase({ id: "editable", eligible: "loyalty.points > 10", eventTypes: ["purchase"] }));
    const r = await api.request("PUT", "/v1/models/editable", {
      body: { windowDays: 7, name: "Purchase this week", eligible: null, buckets: { high: 90 } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: "editable",
      name: "Purchase this week",
      windowDays: 7,
      eligible: null,
      eventTypes: ["purchase"],
      goal: 'type = "purchase"',
      buckets: { medium: 25, high: 90 },
    });
    expect(r.body.updatedAt >= r.body.createdAt).toBe(true);
    const stored = await api.store.models.findOne({ _id: "editable" });
    expect(stored?.name).toBe("Purchase this week");
    expect(stored?.spec).not.toHaveProperty("eligible");
    expect((await api.request("GET", "/v1/models/editable")).body).toMatchObject({ windowDays: 7 });
  });

  test("PUT with a bad field or goal → 400 and nothing changes", async () => {
    const bad = await api.request("PUT", "/v1/models/editable", { body: { windowDays: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("windowDays");
    const goal = await api.request("PUT", "/v1/models/editable", { body: { goal: "type = = 1" } });
    expect(goal.status).toBe(400);
    expect(goal.body.error.details.errors[0]).toMatchObject({ field: "goal", line: 1 });
    const empty = await api.request("PUT", "/v1/models/editable", { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/nothing to update/);
    const id = await api.request("PUT", "/v1/models/editable", { body: { id: "other" } });
    expect(id.status).toBe(400);
    expect((await api.request("GET", "/v1/models/editable")).body).toMatchObject({
      windowDays: 7,
      goal: 'type = "purchase"',
    });
  });

  test("DELETE removes the model and its versions → 204, then 404", async () => {
    await create(purchase({ id: "doomed" }));
    await insertModelVersion(api.store, "doomed", {
      status: "poor",
      artefact: {},
      metrics: metrics(),
      trainedFor: new Date(),
    });
    const r = await api.request("DELETE", "/v1/models/doomed");
    expect(r.status).toBe(204);
    expect((await api.request("GET", "/v1/models/doomed")).status).toBe(404);
    expect(await api.store.modelVersions.countDocuments({ modelId: "doomed" })).toBe(0);
  });

  test.each([
    ["GET", "/v1/models/nope"],
    ["PUT", "/v1/models/nope"],
    ["DELETE", "/v1/models/nope"],
    ["POST", "/v1/models/nope/train"],
    ["POST", "/v1/models/nope/score"],
  ])("%s %s → 404", async (method, path) => {
    const body = { PUT: { windowDays: 3 }, POST: {} }[method as string];
    const r = await api.request(method, path, body ? { body } : {});
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "not_found", message: 'model "nope" not found' });
  });
});

describe("training and scoring requests", () => {
  test("POST /train → 202 and a train-model job for the model in the training queue", async () => {
    await create(purchase({ id: "trainme" }));
    const r = await api.request("POST", "/v1/models/trainme/train", {
      body: { now: "2026-11-01T00:00:00Z" },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      id: "trainme",
      jobId: expect.any(String),
      status: "waiting",
      deduplicated: false,
    });
    const jobs = await trainingJobs("train-model");
    const job = jobs.find((j) => j.data.modelId === "trainme");
    expect(job?.id).toBe(r.body.jobId);
    expect(job?.data).toEqual({ modelId: "trainme", now: "2026-11-01T00:00:00.000Z" });
  });

  test("a second request while one waits joins it: one waiting job", async () => {
    await create(purchase({ id: "twice" }));
    const first = await api.request("POST", "/v1/models/twice/train");
    const second = await api.request("POST", "/v1/models/twice/train", { body: {} });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ jobId: first.body.jobId, deduplicated: true, status: "waiting" });
    const jobs = (await trainingJobs("train-model")).filter((j) => j.data.modelId === "twice");
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ modelId: "twice" });
  });

  test("a bad now → 400 naming it", async () => {
    const r = await api.request("POST", "/v1/models/trainme/train", { body: { now: "yesterday" } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe("now");
  });

  test("POST /score of a model without a version → 409", async () => {
    const r = await api.request("POST", "/v1/models/trainme/score");
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/has nothing to score \(it has no version yet\): train it first/);
  });

  test("POST /score of a model whose only version is poor → 409", async () => {
    await create(purchase({ id: "poorly" }));
    await insertModelVersion(api.store, "poorly", {
      status: "poor",
      artefact: {},
      metrics: metrics(),
      trainedFor: new Date(),
    });
    const r = await api.request("POST", "/v1/models/poorly/score");
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/every version of it is poor/);
  });

  test("POST /score → 202: a score-model job for the newest good version, once", async () => {
    await create(purchase({ id: "scoreme" }));
    await insertModelVersion(api.store, "scoreme", {
      status: "trained",
      artefact: {},
      metrics: metrics(),
      trainedFor: new Date(),
    });
    const r = await api.request("POST", "/v1/models/scoreme/score", { body: { now: "2026-11-02" } });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      id: "scoreme",
      version: 1,
      jobId: expect.any(String),
      status: "waiting",
      deduplicated: false,
    });
    const again = await api.request("POST", "/v1/models/scoreme/score");
    expect(again.body).toMatchObject({ jobId: r.body.jobId, deduplicated: true });
    const jobs = (await trainingJobs("score-model")).filter((j) => j.data.modelId === "scoreme");
    expect(jobs.map((j) => j.data)).toEqual([
      { modelId: "scoreme", version: 1, now: "2026-11-02T00:00:00.000Z" },
    ]);
  });

  test("POST /score while the model is being scored → 409", async () => {
    await setModelStatus(api.store, "scoreme", "scoring");
    const r = await api.request("POST", "/v1/models/scoreme/score");
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/is being scored/);
  });
});

describe("schedules", () => {
  const scheduler = (id: string) => api.producer.queues.training.getJobScheduler(id);

  test("a model's schedules become job schedulers, changed and removed with it", async () => {
    const r = await create(purchase({ id: "nightly", schedule: { train: "0 3 * * 1", score: "0 4 * * *" } }));
    expect(r.status).toBe(201);
    expect(r.body.schedule).toEqual({ train: "0 3 * * 1", score: "0 4 * * *" });
    const train = await scheduler("model-train-nightly");
    expect(train).toMatchObject({ pattern: "0 3 * * 1", name: "train-model" });
    expect(train?.template?.data).toEqual({ modelId: "nightly" });
    const score = await scheduler("model-score-nightly");
    expect(score).toMatchObject({ pattern: "0 4 * * *", name: "score-model" });
    expect(score?.template?.data).toEqual({ modelId: "nightly" });

    // The schedule given replaces the stored one: the score cron dropped, its scheduler removed.
    const changed = await api.request("PUT", "/v1/models/nightly", {
      body: { schedule: { train: "0 5 * * *" } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.schedule).toEqual({ train: "0 5 * * *", score: null });
    expect((await scheduler("model-train-nightly"))?.pattern).toBe("0 5 * * *");
    expect(await scheduler("model-score-nightly")).toBeUndefined();

    // Other fields leave the schedules alone.
    await api.request("PUT", "/v1/models/nightly", { body: { windowDays: 10 } });
    expect((await scheduler("model-train-nightly"))?.pattern).toBe("0 5 * * *");

    expect((await api.request("DELETE", "/v1/models/nightly")).status).toBe(204);
    expect(await scheduler("model-train-nightly")).toBeUndefined();
    expect(await scheduler("model-score-nightly")).toBeUndefined();
  });

  test("a model without schedules has no scheduler", async () => {
    await create(purchase({ id: "manual" }));
    expect(await scheduler("model-train-manual")).toBeUndefined();
    expect(await scheduler("model-score-manual")).toBeUndefined();
  });
});

describe("insights of a stored version", () => {
  const scoringNow = new Date("2026-11-01T00:00:00Z");

  test("GET shows the latest version's metrics before any is active, and scoring under way", async () => {
    await create(purchase({ id: "insightful", windowDays: 30 }));
    await insertModelVersion(api.store, "insightful", {
      status: "trained",
      artefact: { spec: { windowDays: 30 } },
      metrics: metrics(),
      trainedFor: scoringNow,
    });
    await startVersionScoring(api.store, "insightful", 1, {
      id: "insightful-v1-x",
      now: scoringNow,
      shardsTotal: 4,
    });
    await setModelStatus(api.store, "insightful", "scoring");
    await recordScoreShard(api.store, "insightful-v1-x", 0, { scored: 120, written: 100 });
    await recordScoreShard(api.store, "insightful-v1-x", 2, { scored: 80, written: 80 });

    const r = await api.request("GET", "/v1/models/insightful");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "scoring", activeVersion: null });
    expect(r.body.scoring).toEqual({
      version: 1,
      scoringId: "insightful-v1-x",
      now: "2026-11-01T00:00:00.000Z",
      shardsDone: 2,
      shardsTotal: 4,
      profilesScored: 200,
      profilesWritten: 180,
      startedAt: expect.stringMatching(/Z$/),
    });
    expect(r.body.metrics).toMatchObject({ version: 1, versionStatus: "scoring", auc: 0.81 });
    expect(r.body.outcomes).toEqual({
      version: 1,
      status: "waiting",
      availableAt: "2026-12-01T00:00:00.000Z",
      checkedAt: null,
      pendingProfiles: null,
      byBucket: null,
    });
  });

  test("once active: the active version's insights, every field; the versions listed", async () => {
    await activateVersion(api.store, "insightful", 1);
    await insertModelVersion(api.store, "insightful", {
      status: "poor",
      artefact: { spec: { windowDays: 30 } },
      metrics: metrics({ auc: 0.55, validationAuc: 0.56, quality: "poor" }),
      trainedFor: scoringNow,
    });
    const r = await api.request("GET", "/v1/models/insightful");
    expect(r.body).toMatchObject({ status: "ready", activeVersion: 1, scoring: null });
    const m = r.body.metrics;
    const expected = modelMetrics();
    expect(m).toMatchObject({
      version: 1,
      versionStatus: "active",
      trainedFor: "2026-11-01T00:00:00.000Z",
      auc: 0.81,
      validationAuc: 0.79,
      baseRate: 0.12,
      trainBaseRate: 0.11,
      quality: "good",
      minAuc: 0.65,
      kind: "mlp",
      candidates: expected.candidates,
      ensembleValidationAuc: 0.785,
      calibration: expected.calibration,
      cutoffs: expected.cutoffs,
      attributes: expected.attributes,
      examplesAvailable: expected.examplesAvailable,
      refit: { examples: 6000 },
      lift: 3.1,
      deciles: expected.deciles,
      scoreDistribution: expected.scoreDistribution,
      bucketCounts: { low: 700, medium: 200, high: 100 },
      examples: expected.examples,
      positives: expected.positives,
      split: "profiles",
      trainingCutoffs: expected.trainingCutoffs,
      historyStart: expected.historyStart,
      features: 14,
      backend: "wasm",
      trainSeconds: 12.5,
    });
    // Lift and gains by decile, with the calibration (mean predicted against the observed rate).
    expect(m.deciles).toHaveLength(10);
    expect(Object.keys(m.deciles[0]).sort()).toEqual(
      ["count", "cumulativeGain", "decile", "lift", "meanPredicted", "positives", "rate"].sort(),
    );
    // Ten factors at most, overall and per bucket.
    expect(m.topFactors).toHaveLength(10);
    expect(m.topFactors[0]).toEqual({ feature: "f0", importance: 0.2, meanImpact: 0.05 });
    expect(m.topFactorsByBucket.high).toHaveLength(10);
    expect(m.topFactorsByBucket.low).toEqual(expected.topFactorsByBucket.low);
    expect(r.body.versions).toEqual([
      expect.objectContaining({ version: 2, status: "poor", auc: 0.55, quality: "poor", scoredAt: null }),
      expect.objectContaining({
        version: 1,
        status: "active",
        auc: 0.81,
        scoredAt: expect.stringMatching(/Z$/),
      }),
    ]);
  });

  test("a version trained before calibration, cutoffs and attributes were recorded reads them as null", async () => {
    const { calibration, cutoffs, attributes, examplesAvailable, ensembleValidationAuc, refit, ...older } =
      modelMetrics();
    await create(purchase({ id: "older-metrics", windowDays: 30 }));
    await insertModelVersion(api.store, "older-metrics", {
      status: "trained",
      artefact: { spec: { windowDays: 30 } },
      metrics: { ...older, candidates: older.candidates.map(({ l2, ...c }) => c) } as unknown as ModelMetrics,
      trainedFor: scoringNow,
    });
    const r = await api.request("GET", "/v1/models/older-metrics");
    expect(r.status).toBe(200);
    expect(r.body.metrics).toMatchObject({
      calibration: null,
      cutoffs: null,
      attributes: null,
      examplesAvailable: null,
      ensembleValidationAuc: null,
      refit: null,
    });
    expect(r.body.metrics.candidates[0].l2).toBeNull();
  });

  test("outcomes, once checked, per bucket", async () => {
    await recordOutcomes(api.store, "insightful", 1, {
      checkedAt: new Date("2026-12-01T06:00:00Z"),
      pendingProfiles: 3,
      byBucket: {
        low: { profiles: 700, predictedRate: 0.04, actualRate: 0.05 },
        medium: { profiles: 200, predictedRate: 0.2, actualRate: 0.18 },
        high: { profiles: 100, predictedRate: 0.6, actualRate: 0.55 },
      },
    });
    const r = await api.request("GET", "/v1/models/insightful");
    expect(r.body.outcomes).toEqual({
      version: 1,
      status: "checked",
      availableAt: "2026-12-01T00:00:00.000Z",
      checkedAt: "2026-12-01T06:00:00.000Z",
      pendingProfiles: 3,
      byBucket: {
        low: { profiles: 700, predictedRate: 0.04, actualRate: 0.05 },
        medium: { profiles: 200, predictedRate: 0.2, actualRate: 0.18 },
        high: { profiles: 100, predictedRate: 0.6, actualRate: 0.55 },
      },
    });
  });

  test("a poor version that was never scored: not_scored, no date", async () => {
    await create(purchase({ id: "weak" }));
    await insertModelVersion(api.store, "weak", {
      status: "poor",
      artefact: { spec: { windowDays: 30 } },
      metrics: metrics({ quality: "poor" }),
      trainedFor: scoringNow,
    });
    const r = await api.request("GET", "/v1/models/weak");
    expect(r.body.metrics).toMatchObject({ version: 1, quality: "poor" });
    expect(r.body.outcomes).toMatchObject({ status: "not_scored", availableAt: null });
  });
});

describe("OpenAPI", () => {
  test("documents the model schemas, with the propensity defaults and rules", async () => {
    const doc = (await api.request("GET", "/openapi.json")).body;
    const create = doc.components.schemas.CreateModelRequest;
    expect(create.required.sort()).toEqual(["goal", "name", "type", "windowDays"]);
    expect(create.properties.type.enum).toEqual(["conversion", "churn"]);
    expect(create.properties.windowDays).toMatchObject({ minimum: 1, maximum: 365 });
    expect(create.properties.lookbackDays).toMatchObject({ default: 90 });
    const insights = doc.components.schemas.ModelInsights;
    for (const field of [
      "auc",
      "deciles",
      "topFactors",
      "topFactorsByBucket",
      "scoreDistribution",
      "bucketCounts",
    ]) {
      expect(insights.properties, field).toHaveProperty(field);
    }
    expect(doc.paths["/v1/models/{id}/train"].post.responses).toHaveProperty("202");
  });
});

/** The metrics field of a version as the trainer stores it. */
const metrics = (change: Partial<ModelMetrics> = {}) => modelMetrics(change);

/** A `ModelMetrics` (typed, so that a change of its shape shows here). */
function modelMetrics(change: Partial<ModelMetrics> = {}): ModelMetrics {
  const factors = (prefix: string) =>
    Array.from({ length: 12 }, (_, i) => ({
      feature: `${prefix}${i}`,
      importance: Math.round((0.2 - i * 0.01) * 100) / 100,
      meanImpact: i % 2 === 0 ? 0.05 : -0.05,
    }));
  return {
    auc: 0.81,
    validationAuc: 0.79,
    kind: "mlp",
    candidates: [
      { kind: "logistic", l2: 0.0001, validationAuc: 0.77, epochs: 40, bestEpoch: 31 },
      { kind: "mlp", l2: 0.001, validationAuc: 0.79, epochs: 60, bestEpoch: 44 },
    ],
    ensembleValidationAuc: 0.785,
    calibration: {
      method: "platt",
      scale: 0.9,
      offset: -0.2,
      validationLogLoss: { prior: 0.41, intercept: 0.405, platt: 0.4 },
      testLogLoss: { prior: 0.42, calibrated: 0.41 },
    },
    cutoffs: { cutoffs: "in phase", latestValidationAuc: { all: 0.78, inPhase: 0.79 } },
    attributes: {
      used: [{ path: "loyalty.tier", kind: "category" }],
      skipped: [{ path: "email", reason: "no frequent values: 1000 distinct, an identifier or free text" }],
    },
    examplesAvailable: { train: 9000, validation: 2000 },
    refit: { examples: 6000 },
    baseRate: 0.12,
    trainBaseRate: 0.11,
    lift: 3.1,
    deciles: Array.from({ length: 10 }, (_, i) => ({
      decile: i + 1,
      count: 100,
      positives: 10 - i,
      rate: (10 - i) / 100,
      lift: Math.round(((10 - i) / 100 / 0.12) * 100) / 100,
      cumulativeGain: Math.round(((i + 1) / 10) * 100) / 100,
      meanPredicted: (10.5 - i) / 100,
    })),
    scoreDistribution: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 100 })),
    bucketCounts: { low: 700, medium: 200, high: 100 },
    topFactors: factors("f"),
    topFactorsByBucket: { low: factors("f").slice(0, 3), medium: factors("m"), high: factors("h") },
    examples: { train: 4000, validation: 1000, test: 1000, scored: 1000 },
    positives: { train: 480, validation: 120, test: 120 },
    split: "profiles",
    trainingCutoffs: ["2026-09-02T00:00:00.000Z", "2026-08-03T00:00:00.000Z"],
    historyStart: "2026-03-01T00:00:00.000Z",
    features: 14,
    backend: "wasm",
    trainSeconds: 12.5,
    quality: "good",
    minAuc: 0.65,
    ...change,
  };
}
