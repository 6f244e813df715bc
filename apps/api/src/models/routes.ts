/**
 * Propensity model instances (apps/api/README.md, "Models"). A model is checked whole before it is
 * stored (its fields, then its goal and eligible expressions with the segment language, errors
 * positioned in the user's text); its schedules become BullMQ job schedulers; training and
 * scoring are jobs for the trainer, one of each at a time per model.
 */
import {
  ModelDetailResponse,
  ModelJobAccepted,
  ModelListResponse,
  ModelResponse,
  ScoreJobAccepted,
} from "@segflow/api-contract";
import { jobIds } from "@segflow/queues";
import { createModel, deleteModel, type Store, scoringProgress, updateModel } from "@segflow/store";
import {
  findModel,
  findModels,
  findVersions,
  type PropensityModel,
  ScoringRefusedError,
  trainedWindowDays,
  versionToScore,
} from "@segflow/training/lifecycle";
import { AppError } from "../http/errors.js";
import { defineRoute } from "../http/route.js";
import { IdParams } from "../http/schemas.js";
import { generateModelId } from "./id.js";
import { enqueueModelJob } from "./jobs.js";
import { setModelSchedules } from "./scheduler.js";
import { CreateModelBody, ModelJobBody, UpdateModelBody } from "./schemas.js";
import { checkedSpec, patchedFields } from "./spec.js";
import { type ModelDetail, modelDetailView, modelView, scoringView } from "./views.js";

const modelNotFound = (id: string) => new AppError("not_found", `model ${JSON.stringify(id)} not found`);

async function loadModel(store: Store, id: string): Promise<PropensityModel> {
  const doc = await findModel(store, id);
  if (!doc) throw modelNotFound(id);
  return doc;
}

/** The model with its versions, the insights of the active (else the latest) one, and scoring under way. */
async function loadDetail(store: Store, doc: PropensityModel): Promise<ModelDetail> {
  const versions = await findVersions(store, doc._id);
  const shown = versions.find((v) => v.version === doc.activeVersion) ?? versions[0];
  // The window the version was trained with dates its outcome check.
  const windowDays = shown ? await trainedWindowDays(store, doc, shown.version) : doc.spec.windowDays;
  const scored = versions.find((v) => v.status === "scoring" && v.scoring);
  const scoring =
    scored?.scoring != null
      ? scoringView({ ...scored, scoring: scored.scoring }, await scoringProgress(store, scored.scoring.id))
      : null;
  return { doc, versions, shown: shown ? { version: shown, windowDays } : null, scoring };
}

const nowOf = (body: { now?: Date | undefined }) => (body.now ? { now: body.now } : {});

/** A scoring the model cannot have now (packages/training decides which version may be scored): 409. */
function conflictIfRefused<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof ScoringRefusedError) throw new AppError("conflict", error.message);
    throw error;
  }
}

const params = IdParams("model id");
const invalidModel =
  "invalid input (the field is named), or invalid_definition with the goal's or eligible's language errors " +
  "(details.errors[]: field, line, column, reason)";

export const modelRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/models",
    scope: "admin",
    tag: "models",
    summary: "Create a propensity model (conversion or churn)",
    description:
      "Defaults: lookbackDays 90, attributes [], buckets { medium: 25, high: 75 }, dataChecks " +
      "{ minPositives: 500, minNegatives: 500 }, minAuc 0.65. Profiles carry the scores at scores.<id>.",
    body: CreateModelBody,
    responses: {
      201: ["the stored model (untrained)", ModelResponse],
      400: invalidModel,
      409: "a model with this id exists",
    },
    async handle({ body: { id: given, ...fields } }, { store, producer, logger }, res) {
      const spec = checkedSpec(fields);
      const id = given ?? generateModelId(spec.name);
      const doc = await createModel(store, { id, name: spec.name, spec }); // DuplicateIdError → 409
      if (spec.schedule.train !== undefined || spec.schedule.score !== undefined) {
        try {
          await setModelSchedules(producer, id, spec.schedule);
        } catch (error) {
          // Without its schedulers the model would silently never retrain: undo and report.
          await deleteModel(store, id).catch((e) => logger.error({ err: e, modelId: id }, "undo failed"));
          throw error;
        }
      }
      res.status(201).location(`/v1/models/${id}`).json(modelView(doc));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/models",
    scope: "admin",
    tag: "models",
    summary: "All models",
    responses: { 200: ["models", ModelListResponse] },
    async handle(_input, { store }, res) {
      const models = await findModels(store);
      res.json({ models: models.map(modelView) });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/models/:id",
    scope: "admin",
    tag: "models",
    summary: "A model with its status, versions, and the insights of its active (else latest) version",
    description:
      "metrics: AUC (held-out and validation), base rate, quality, lift, cumulative gain and calibration by " +
      "decile, score distribution, bucket counts, top factors overall and per bucket. outcomes: predicted " +
      "versus actual per bucket once the window has passed since scoring (availableAt says when).",
    params,
    responses: { 200: ["the model", ModelDetailResponse], 404: "unknown model" },
    async handle({ params: { id } }, { store }, res) {
      const doc = await loadModel(store, id);
      res.json(modelDetailView(await loadDetail(store, doc)));
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/models/:id",
    scope: "admin",
    tag: "models",
    summary: "Change a model's fields (each one given replaces the stored one; null removes)",
    description: "Checked whole, as on create. Takes effect at the next training; schedules at once.",
    params,
    body: UpdateModelBody,
    responses: { 200: ["the stored model", ModelResponse], 400: invalidModel, 404: "unknown model" },
    async handle({ params: { id }, body: patch }, { store, producer }, res) {
      const current = await loadModel(store, id);
      // Takes effect at the next training: a version keeps the spec it was trained with.
      const spec = checkedSpec(patchedFields(current.spec, patch));
      const doc = await updateModel(store, id, { name: spec.name, spec });
      if (!doc) throw modelNotFound(id);
      if (patch.schedule !== undefined) await setModelSchedules(producer, id, spec.schedule);
      res.json(modelView(doc));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/models/:id",
    scope: "admin",
    tag: "models",
    summary: "Delete a model, its versions and its schedules (scores on profiles stay until overwritten)",
    params,
    responses: { 204: "deleted", 404: "unknown model" },
    async handle({ params: { id } }, { store, producer }, res) {
      await loadModel(store, id);
      // The schedulers go first: one left behind would train or score a model that is gone.
      await setModelSchedules(producer, id, {});
      if (!(await deleteModel(store, id))) throw modelNotFound(id);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/models/:id/train",
    scope: "admin",
    tag: "models",
    summary: "Queue a training (one per model at a time: a request while one waits or runs joins it)",
    params,
    body: ModelJobBody,
    optionalBody: true,
    responses: { 202: ["queued, or joined", ModelJobAccepted], 400: "bad now", 404: "unknown model" },
    async handle({ params: { id }, body }, { store, producer }, res) {
      await loadModel(store, id);
      const accepted = await enqueueModelJob(
        producer,
        "trainModel",
        { modelId: id, ...nowOf(body) },
        jobIds.trainModel(id),
      );
      res
        .status(202)
        .location(`/v1/models/${id}`)
        .json({ id, ...accepted });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/models/:id/score",
    scope: "admin",
    tag: "models",
    summary: "Queue a scoring of every eligible profile with the newest version that is not poor",
    params,
    body: ModelJobBody,
    optionalBody: true,
    responses: {
      202: ["queued, or joined", ScoreJobAccepted],
      400: "bad now",
      404: "unknown model",
      409: "no version to score (untrained, or every version poor), or a scoring is under way",
    },
    async handle({ params: { id }, body }, { store, producer }, res) {
      const doc = await loadModel(store, id);
      const versions = await findVersions(store, id);
      const version = conflictIfRefused(() => versionToScore(doc, versions));
      const accepted = await enqueueModelJob(
        producer,
        "scoreModel",
        { modelId: id, version, ...nowOf(body) },
        jobIds.scoreModel(id),
      );
      res
        .status(202)
        .location(`/v1/models/${id}`)
        .json({ id, version, ...accepted });
    },
  }),
];
