/**
 * Trains a model in a worker thread and stores the result as its next version (packages/training,
 * training-lifecycle.ts); a good version's scoring is queued next, once per version. A training
 * refused for its data or definition fails without retries (the consumer's permanent errors).
 */
import { type Job, type JobPayload, jobIds } from "@segflow/queues";
import { recordVersion, startTraining, trainInThread, trainingFailed } from "@segflow/training";
import type { TrainerContext } from "../context.js";

export async function trainModel(ctx: TrainerContext, job: Job, payload: JobPayload<"trainModel">) {
  const model = await startTraining(ctx.store, payload.modelId);
  const now = payload.now ?? new Date();
  const log = ctx.logger.child({ jobId: job.id, modelId: model._id });
  log.info({ now }, "training started");
  let trained: Awaited<ReturnType<typeof trainInThread>>;
  try {
    trained = await trainInThread({ mongoUrl: ctx.config.MONGO_URL, spec: model.spec, now }, (line) => {
      log.info(line);
      void job.log(line);
    });
  } catch (error) {
    await trainingFailed(ctx.store, model._id, error as Error);
    throw error;
  }
  const { version, scoreNext } = await recordVersion(ctx.store, model._id, trained, now);
  const { auc, kind, backend, quality } = version.metrics;
  log.info({ version: version.version, auc, kind, backend }, "model version stored");
  if (scoreNext) {
    await ctx.producer.enqueue(
      "scoreModel",
      { modelId: model._id, version: version.version, now },
      { jobId: jobIds.scoreVersion(model._id, version.version) },
    );
  }
  return { version: version.version, auc, quality };
}
