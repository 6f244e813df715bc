/**
 * A model's lifecycle against the store: a training recorded as a version (good → scored next,
 * poor → kept and reported), a scoring pass started and finished (the version becomes active, the
 * previous one superseded, the outcome check due a trained window later), typed reads that leave
 * the network on the server, and the refusals a scoring job meets.
 */
import { ARTEFACT_FORMAT, type ModelArtefact, type ModelMetrics, type ModelSpec } from "@segflow/propensity";
import { createModel, getModel, openStore, recordScoreShard, type Store } from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  findVersion,
  findVersions,
  finishScoring,
  ModelNotFoundError,
  recordVersion,
  ScoringRefusedError,
  startScoring,
  startTraining,
  trainedWindowDays,
  trainingFailed,
  versionForScoringJob,
} from "./lifecycle.js";

const SPEC: ModelSpec = {
  name: "churn",
  type: "churn",
  goal: "type is not null",
  windowDays: 30,
  lookbackDays: 90,
  attributes: [],
  schedule: {},
  buckets: { medium: 25, high: 75 },
  dataChecks: { minPositives: 500, minNegatives: 500 },
  minAuc: 0.65,
};

/** A fit's result as far as the lifecycle reads it (the network is opaque to it). */
function trained(quality: "good" | "poor", windowDays = SPEC.windowDays) {
  const artefact: Pick<ModelArtefact, "format" | "spec"> = {
    format: ARTEFACT_FORMAT,
    spec: { ...SPEC, windowDays },
  };
  const metrics: Pick<ModelMetrics, "auc" | "validationAuc" | "minAuc" | "quality"> = {
    auc: 0.8,
    validationAuc: quality === "good" ? 0.8 : 0.6,
    minAuc: 0.65,
    quality,
  };
  return { artefact: artefact as ModelArtefact, metrics: metrics as ModelMetrics };
}

let store: Store;
beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("lifecycle")));
});
afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

const newModel = (id: string) => createModel(store, { id, name: SPEC.name, spec: SPEC });

describe("training", () => {
  test("a good version is stored and the model says scoring (it is scored next)", async () => {
    await newModel("good");
    const model = await startTraining(store, "good");
    expect(model.spec.windowDays).toBe(30);
    expect((await getModel(store, "good"))?.status).toBe("training");
    const now = new Date("2026-11-01T00:00:00Z");
    const { version, scoreNext } = await recordVersion(store, "good", trained("good"), now);
    expect({ number: version.version, status: version.status, scoreNext }).toEqual({
      number: 1,
      status: "trained",
      scoreNext: true,
    });
    expect(await getModel(store, "good")).toMatchObject({ status: "scoring", error: null });
    const stored = await findVersion(store, "good", 1);
    expect(stored?.metrics.quality).toBe("good");
    expect(stored?.trainedFor).toEqual(now);
  });

  test("a poor version is kept, not scored, and the model says why", async () => {
    await newModel("weak");
    await startTraining(store, "weak");
    const { scoreNext } = await recordVersion(store, "weak", trained("poor"), new Date());
    expect(scoreNext).toBe(false);
    expect(await getModel(store, "weak")).toMatchObject({
      status: "poor",
      error: "version 1: validation AUC 0.6 is below 0.65; its scores are not written",
    });
  });

  test("a failed training leaves the model failed with the reason; a missing model is refused", async () => {
    await newModel("broken");
    await trainingFailed(store, "broken", new Error("training data fails its checks: too few"));
    expect(await getModel(store, "broken")).toMatchObject({
      status: "failed",
      error: "training data fails its checks: too few",
    });
    await expect(startTraining(store, "nobody")).rejects.toBeInstanceOf(ModelNotFoundError);
  });
});

describe("scoring", () => {
  test("a finished pass activates the version, supersedes the previous one, and dates the outcome check", async () => {
    await newModel("scored");
    for (const window of [30, 14]) {
      await startTraining(store, "scored");
      const { version } = await recordVersion(store, "scored", trained("good", window), new Date());
      const number = await versionForScoringJob(store, "scored", version.version);
      const now = new Date("2026-11-01T00:00:00Z");
      const scoringId = `scored-v${number}-1`;
      await startScoring(store, "scored", number, { id: scoringId, now, shardsTotal: 2 });
      expect((await getModel(store, "scored"))?.status).toBe("scoring");
      await recordScoreShard(store, scoringId, 0, { scored: 3, written: 2 });
      await recordScoreShard(store, scoringId, 1, { scored: 4, written: 4 });
      const finished = await finishScoring(store, { modelId: "scored", version: number, scoringId });
      // Due a window after the pass's now: the window the version was trained with.
      const due = new Date(now.getTime() + window * 86_400_000);
      expect(finished).toEqual({ shardsDone: 2, scored: 7, written: 6, outcomesDueAt: due });
    }
    expect(await getModel(store, "scored")).toMatchObject({ status: "ready", activeVersion: 2 });
    const statuses = (await findVersions(store, "scored")).map((v) => [v.version, v.status]);
    expect(statuses).toEqual([
      [2, "active"],
      [1, "superseded"],
    ]);
  });

  test("a version's trained window, or the model's when the version is gone", async () => {
    const model = await newModel("windowed");
    await recordVersion(store, "windowed", trained("good", 7), new Date());
    expect(await trainedWindowDays(store, model, 1)).toBe(7);
    expect(await trainedWindowDays(store, model, 9)).toBe(30);
  });

  test("a scoring job is refused a poor version, a missing one, and a missing model", async () => {
    await newModel("refused");
    await recordVersion(store, "refused", trained("poor"), new Date());
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => "scored",
        (e: unknown) => (e instanceof ScoringRefusedError ? e.reason : e),
      );
    expect(await reason(versionForScoringJob(store, "refused", 1))).toBe("poor_version");
    expect(await reason(versionForScoringJob(store, "refused", 2))).toBe("unknown_version");
    expect(await reason(versionForScoringJob(store, "refused", undefined))).toBe("no_version");
    await expect(versionForScoringJob(store, "nobody", 1)).rejects.toBeInstanceOf(ModelNotFoundError);
  });
});
