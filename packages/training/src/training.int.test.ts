/**
 * Training and scoring against the store: the worker thread trains on what the store holds, a
 * scoring shard writes every eligible profile once (a repeat writes nothing), its scores are the
 * stored model's, and outcomes compare what was predicted with what happened.
 */
import { type ModelArtefact, type ModelMetrics, Scorer } from "@segflow/propensity";
import {
  BUCKETS,
  createStoreIndexes,
  insertEvents,
  insertModelVersion,
  openStore,
  type ScoreEntry,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { generatePopulation } from "@segflow/synthetic";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  allProfiles,
  checkOutcomes,
  checkVersionOutcomes,
  findVersion,
  ScorerCache,
  ScoringRefusedError,
  scoreShard,
  TrainingRefusedError,
  trainInThread,
} from "./index.js";

const DAY_MS = 86_400_000;
const END = new Date("2026-11-01T00:00:00Z");
/** Trained and scored a window before the data ends, so that outcomes can be checked at END. */
const NOW = new Date(END.getTime() - 30 * DAY_MS);
const PROFILES = 1500;
const SPEC = {
  name: "churn",
  type: "churn" as const,
  goal: "type is not null",
  windowDays: 30,
  lookbackDays: 60,
  attributes: ["loyalty.tier"],
  dataChecks: { minPositives: 50, minNegatives: 50 },
  // A calibrated churn model on this population rarely says 75% or more: bands that all fill.
  buckets: { medium: 20, high: 50 },
};

let store: Store;
let mongoUrl: string;

beforeAll(async () => {
  mongoUrl = mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("training"));
  store = await openStore(mongoUrl);
  // Training reads every profile with its events in shard order, as on a prepared store.
  await createStoreIndexes(store);
  const population = [...generatePopulation({ profiles: PROFILES, seed: 5, now: END })];
  await upsertProfiles(
    store,
    population.map((p) => ({ id: p.id, attributes: p.attributes })),
  );
  const events = population.flatMap((p) => p.events.map((e) => ({ profileId: p.id, ...e })));
  for (let i = 0; i < events.length; i += 5000) {
    await insertEvents(store, events.slice(i, i + 5000), { ensureProfiles: false });
  }
}, 120_000);

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

describe("training against the store", () => {
  let artefact: ModelArtefact;
  let metrics: ModelMetrics;

  it("trains in a worker thread on what the store holds", async () => {
    const lines: string[] = [];
    const trained = await trainInThread({ mongoUrl, spec: SPEC, now: NOW }, (line) => lines.push(line));
    artefact = trained.artefact;
    metrics = trained.metrics;
    expect(trained.metrics.examples.scored).toBe(PROFILES);
    expect(trained.metrics.split).toBe("profiles");
    expect(trained.metrics.auc).toBeGreaterThan(0.7);
    expect(["tensorflow", "wasm", "cpu"]).toContain(trained.metrics.backend);
    expect(lines.some((l) => l.startsWith("TF.js backend:"))).toBe(true);
  }, 120_000);

  it("stores the artefact and metrics as a version that reads back unchanged", async () => {
    const trained = await trainInThread({ mongoUrl, spec: SPEC, now: NOW });
    const fields = {
      status: "trained" as const,
      artefact: trained.artefact,
      metrics: trained.metrics,
      trainedFor: NOW,
    };
    const first = await insertModelVersion(store, "roundtrip", fields);
    const second = await insertModelVersion(store, "roundtrip", fields);
    expect([first.version, second.version]).toEqual([1, 2]);
    const stored = await findVersion(store, "roundtrip", 1);
    expect(stored?.artefact).toEqual(trained.artefact);
    expect(stored?.metrics).toEqual(trained.metrics);

    // A trainer builds one scorer per version for all the shards it scores.
    const scorers = new ScorerCache(store);
    const [a, b] = await Promise.all([scorers.get("roundtrip", 1), scorers.get("roundtrip", 1)]);
    expect(a).toBe(b);
    expect(a.artefact).toEqual(trained.artefact);
    await expect(scorers.get("roundtrip", 9)).rejects.toBeInstanceOf(ScoringRefusedError);
    await scorers.dispose();
  }, 120_000);

  it("refuses for good to score a version fitted by an earlier segflow (an older artefact format)", async () => {
    const outdated = { ...artefact, format: 1 } as unknown as ModelArtefact;
    const fields = { status: "trained" as const, artefact: outdated, metrics, trainedFor: NOW };
    const { version } = await insertModelVersion(store, "outdated", fields);
    const scorers = new ScorerCache(store);
    const refused = scorers.get("outdated", version);
    await expect(refused).rejects.toBeInstanceOf(ScoringRefusedError);
    await expect(refused).rejects.toMatchObject({
      reason: "outdated_version",
      message: expect.stringMatching(/artefact format 1, this one reads 2\): train the model again/),
    });
    await scorers.dispose();
  }, 120_000);

  it("fails with the data check's message when the data cannot support the model", async () => {
    const spec = { ...SPEC, dataChecks: { minPositives: 1_000_000, minNegatives: 50 } };
    const failed = trainInThread({ mongoUrl, spec, now: NOW });
    await expect(failed).rejects.toMatchObject({
      name: "DataCheckError",
      message: expect.stringMatching(/positive training examples \(churned\); at least 1000000 are needed/),
    });
    // The data's fault, not the trainer's: a retry would fail the same way.
    await expect(failed).rejects.toBeInstanceOf(TrainingRefusedError);
  }, 120_000);

  it("refuses a spec that does not parse, for good", async () => {
    const failed = trainInThread({ mongoUrl, spec: { ...SPEC, windowDays: 0 }, now: NOW });
    await expect(failed).rejects.toMatchObject({ name: "ZodError" });
    await expect(failed).rejects.toBeInstanceOf(TrainingRefusedError);
  }, 120_000);

  it("scores every profile of a shard once; a repeated shard writes nothing", async () => {
    const range = { bucketFrom: 0, bucketTo: BUCKETS };
    const first = await scoreShard(store, { modelId: "churn", version: 1, artefact, range, now: NOW });
    expect(first).toEqual({ scored: PROFILES, written: PROFILES });
    const again = await scoreShard(store, { modelId: "churn", version: 1, artefact, range, now: NOW });
    expect(again).toEqual({ scored: PROFILES, written: 0 });

    const profiles = [];
    for await (const p of allProfiles(store)) profiles.push(p);
    const scorer = new Scorer(artefact);
    const offline = new Map(scorer.score(profiles, NOW).map((s) => [s.id, s]));
    scorer.dispose();
    for (const p of profiles) {
      const stored = p.scores?.churn as ScoreEntry;
      expect(stored.probability).toBe(offline.get(p.id)!.probability);
      expect(stored.factors).toEqual(offline.get(p.id)!.factors);
      expect(stored.modelVersion).toBe(1);
    }
  }, 120_000);

  it("compares predicted and actual outcomes per bucket once the window has passed", async () => {
    const early = await checkOutcomes(store, "churn", 1, artefact, new Date(NOW.getTime() + 10 * DAY_MS));
    expect(early.pendingProfiles).toBe(PROFILES);

    const outcomes = await checkOutcomes(store, "churn", 1, artefact, END);
    expect(outcomes.pendingProfiles).toBe(0);
    const { low, medium, high } = outcomes.byBucket;
    expect(low.profiles + medium.profiles + high.profiles).toBe(PROFILES);
    // The model ranks: those it rated high churned more often than those it rated low.
    expect(high.actualRate!).toBeGreaterThan(medium.actualRate!);
    expect(medium.actualRate!).toBeGreaterThan(low.actualRate!);
    // And it is calibrated within a few points where there are enough profiles.
    expect(Math.abs(medium.actualRate! - medium.predictedRate!)).toBeLessThan(0.08);

    // The trainer's job: the same check with the stored version's spec, kept on the version.
    await insertModelVersion(store, "churn", { status: "active", artefact, metrics: {}, trainedFor: NOW });
    expect(await checkVersionOutcomes(store, "churn", 1, END)).toEqual(outcomes);
    expect((await findVersion(store, "churn", 1))?.outcomes).toEqual(outcomes);
    expect(await checkVersionOutcomes(store, "churn", 2, END)).toBeNull();
  }, 120_000);
});
