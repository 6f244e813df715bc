/**
 * Trains a model in a worker thread, then stores the result as a new version in one write: a
 * trainer killed before that leaves nothing behind, and the retried job starts over. A good
 * version is scored next; a poor one (validation AUC under `minAuc`) is kept for inspection and its
 * scores are not written. Data that fails its checks fails the job, without retries, with the
 * message saying what is missing.
 */
import type { ModelSpecInput } from "@segflow/propensity";
import { jobIds } from "@segflow/queues";
import { getModel, insertModelVersion, setModelStatus } from "@segflow/store";
import { trainInThread } from "@segflow/training";
import { type Job, UnrecoverableError } from "bullmq";
import type { TrainerContext } from "../context.js";

export async function trainModel(ctx: TrainerContext, job: Job, payload: { modelId: string; now?: string }) {
  const model = await getModel(ctx.store, payload.modelId);
  if (!model) throw new UnrecoverableError(`model ${payload.modelId} does not exist`);
  const now = payload.now ? new Date(payload.now) : new Date();
  const log = ctx.logger.child({ jobId: job.id, modelId: model._id });
  await setModelStatus(ctx.store, model._id, "training");
  log.info({ now: now.toISOString() }, "training started");
  let trained: Awaited<ReturnType<typeof trainInThread>>;
  try {
    trained = await trainInThread(
      { mongoUrl: ctx.config.MONGO_URL, spec: model.spec as ModelSpecInput, now },
      (line) => {
        log.info(line);
        void job.log(line);
      },
    );
  } catch (error) {
    const e = error as Error;
    await setModelStatus(ctx.store, model._id, "failed", { error: e.message });
    // Bad data or a bad definition will not get better by retrying.
    if (e.name === "DataCheckError" || e.name === "ModelConditionsError" || e.name === "ZodError") {
      throw new UnrecoverableError(e.message);
    }
    throw e;
  }
  const { metrics } = trained;
  const poor = metrics.quality === "poor";
  const version = await insertModelVersion(ctx.store, model._id, {
    status: poor ? "poor" : "trained",
    artefact: trained.artefact as unknown as Record<string, unknown>,
    metrics: metrics as unknown as Record<string, unknown>,
    trainedFor: now,
  });
  log.info(
    { version: version.version, auc: metrics.auc, kind: metrics.kind, backend: metrics.backend },
    "model version stored",
  );
  if (poor) {
    await setModelStatus(ctx.store, model._id, "poor", {
      error: `version ${version.version}: validation AUC ${metrics.validationAuc} is below ${metrics.minAuc}; its scores are not written`,
    });
    return { version: version.version, auc: metrics.auc, quality: metrics.quality };
  }
  // Scoring is queued behind whatever the trainers are doing: say so rather than "training".
  await setModelStatus(ctx.store, model._id, "scoring");
  await ctx.producer.enqueue(
    "scoreModel",
    { modelId: model._id, version: version.version, now: now.toISOString() },
    { jobId: `${jobIds.scoreModel(model._id)}-v${version.version}` },
  );
  return { version: version.version, auc: metrics.auc, quality: metrics.quality };
}
