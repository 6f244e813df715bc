/**
 * Propensity model instances (apps/api/README.md, "Models"). A model is checked whole before it is
 * stored (its fields, then its goal and eligible expressions with the segment language, errors
 * positioned in the user's text); its schedules become BullMQ job schedulers; training and
 * scoring are jobs for the trainer, one of each at a time per model.
 */
import { jobIds } from "@segflow/queues";
import {
  createModel,
  deleteModel,
  getModel,
  getModelVersion,
  listModels,
  listModelVersions,
  type ModelDoc,
  type Store,
  scoringProgress,
  updateModel,
} from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { AppError } from "../http/errors.js";
import { parseBody } from "../http/input.js";
import { generateModelId } from "./id.js";
import { enqueueModelJob } from "./jobs.js";
import { setModelSchedules } from "./scheduler.js";
import { CreateModelBody, ModelJobBody, UpdateModelBody } from "./schemas.js";
import { checkedSpec, patchedFields, storedSpec } from "./spec.js";
import { type ModelDetail, modelDetailView, modelView, scoringView } from "./views.js";

const modelNotFound = (id: string) => new AppError("not_found", `model ${JSON.stringify(id)} not found`);

async function loadModel(store: Store, id: string): Promise<ModelDoc> {
  const doc = await getModel(store, id);
  if (!doc) throw modelNotFound(id);
  return doc;
}

/** The model with its versions, the insights of the active (else the latest) one, and scoring under way. */
async function loadDetail(store: Store, doc: ModelDoc): Promise<ModelDetail> {
  const versions = await listModelVersions(store, doc._id);
  const shown = versions.find((v) => v.version === doc.activeVersion) ?? versions[0];
  // The window the version was trained with (its artefact's spec) dates its outcome check.
  const full = shown ? await getModelVersion(store, doc._id, shown.version) : null;
  const trainedWith = (full?.artefact as { spec?: { windowDays?: number } } | undefined)?.spec;
  const windowDays = trainedWith?.windowDays ?? storedSpec(doc.spec).windowDays;
  const scored = versions.find((v) => v.status === "scoring" && v.scoring);
  const scoring =
    scored?.scoring != null
      ? scoringView({ ...scored, scoring: scored.scoring }, await scoringProgress(store, scored.scoring.id))
      : null;
  return { doc, versions, shown: shown ? { version: shown, windowDays } : null, scoring };
}

const nowOf = (body: { now?: Date | undefined }) => (body.now ? { now: body.now.toISOString() } : {});

export function modelRoutes({ store, producer, logger }: AppDeps): Router {
  const router = Router();

  router.post("/v1/models", async (req, res) => {
    const { id: given, ...fields } = parseBody(CreateModelBody, req);
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
  });

  router.get("/v1/models", async (_req, res) => {
    const models = await listModels(store);
    res.json({ models: models.map(modelView) });
  });

  router.get("/v1/models/:id", async (req, res) => {
    const doc = await loadModel(store, req.params.id);
    res.json(modelDetailView(await loadDetail(store, doc)));
  });

  router.put("/v1/models/:id", async (req, res) => {
    const { id } = req.params;
    const patch = parseBody(UpdateModelBody, req);
    const current = await loadModel(store, id);
    // Takes effect at the next training: a version keeps the spec it was trained with.
    const spec = checkedSpec(patchedFields(current.spec, patch));
    const doc = await updateModel(store, id, { name: spec.name, spec });
    if (!doc) throw modelNotFound(id);
    if (patch.schedule !== undefined) await setModelSchedules(producer, id, spec.schedule);
    res.json(modelView(doc));
  });

  router.delete("/v1/models/:id", async (req, res) => {
    const { id } = req.params;
    await loadModel(store, id);
    // The schedulers go first: one left behind would train or score a model that is gone.
    await setModelSchedules(producer, id, {});
    if (!(await deleteModel(store, id))) throw modelNotFound(id);
    res.status(204).end();
  });

  router.post("/v1/models/:id/train", async (req, res) => {
    const { id } = req.params;
    const body = parseBody(ModelJobBody, req, { optional: true });
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
  });

  router.post("/v1/models/:id/score", async (req, res) => {
    const { id } = req.params;
    const body = parseBody(ModelJobBody, req, { optional: true });
    const doc = await loadModel(store, id);
    if (doc.status === "scoring") {
      // Two scoring passes of one model would race on its scores and on which version is active.
      throw new AppError("conflict", `model ${JSON.stringify(id)} is being scored: wait for it to finish`);
    }
    // The newest version that may be scored: a poor one never is.
    const versions = await listModelVersions(store, id);
    const version = versions.find(
      (v) => v.status === "active" || v.status === "trained" || v.status === "scoring",
    );
    if (!version) {
      const why = versions.length > 0 ? "every version of it is poor" : "it has no version yet";
      throw new AppError(
        "conflict",
        `model ${JSON.stringify(id)} has nothing to score (${why}): train it first with POST /v1/models/${id}/train`,
      );
    }
    const accepted = await enqueueModelJob(
      producer,
      "scoreModel",
      { modelId: id, version: version.version, ...nowOf(body) },
      jobIds.scoreModel(id),
    );
    res
      .status(202)
      .location(`/v1/models/${id}`)
      .json({ id, version: version.version, ...accepted });
  });

  return router;
}
