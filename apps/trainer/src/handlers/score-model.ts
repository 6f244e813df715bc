/**
 * Plans the scoring of a model version: one shard job per bucket range under a
 * `finish-scoring` parent, added as one BullMQ flow (like a batch run). Without a version, the
 * active one is rescored (scheduled scoring).
 */
import { JOBS, jobIds, QUEUE_NAMES } from "@segflow/queues";
import { getModel, getModelVersion, planShards, setModelStatus, startVersionScoring } from "@segflow/store";
import { type Job, UnrecoverableError } from "bullmq";
import type { TrainerContext } from "../context.js";

export async function scoreModel(
  ctx: TrainerContext,
  job: Job,
  payload: { modelId: string; version?: number; now?: string },
) {
  const model = await getModel(ctx.store, payload.modelId);
  if (!model) throw new UnrecoverableError(`model ${payload.modelId} does not exist`);
  const versionNumber = payload.version ?? model.activeVersion;
  if (versionNumber == null)
    throw new UnrecoverableError(`model ${model._id} has no version to score yet: train it first`);
  const version = await getModelVersion(ctx.store, model._id, versionNumber);
  if (!version) throw new UnrecoverableError(`model ${model._id} has no version ${versionNumber}`);
  if (version.status === "poor") {
    throw new UnrecoverableError(
      `model ${model._id} version ${versionNumber} is poor: its scores are not written`,
    );
  }
  const now = payload.now ? new Date(payload.now) : new Date();
  // The job id makes a retried plan reuse its scoring id, so it adds nothing twice.
  const scoringId = `${model._id}-v${versionNumber}-${job.id ?? now.getTime()}`.replace(
    /[^A-Za-z0-9_-]/g,
    "_",
  );
  const shards = planShards(ctx.config.SHARD_COUNT);
  await startVersionScoring(ctx.store, model._id, versionNumber, {
    id: scoringId,
    now,
    shardsTotal: shards.length,
  });
  await setModelStatus(ctx.store, model._id, "scoring");
  await ctx.producer.flows.add({
    name: JOBS.finishScoring.name,
    queueName: QUEUE_NAMES.training,
    data: { modelId: model._id, version: versionNumber, scoringId },
    opts: { ...JOBS.finishScoring.options, jobId: jobIds.finishScoring(scoringId) },
    children: shards.map((s) => ({
      name: JOBS.scoreShard.name,
      queueName: QUEUE_NAMES.training,
      data: {
        modelId: model._id,
        version: versionNumber,
        scoringId,
        now: now.toISOString(),
        index: s.index,
        bucketFrom: s.bucketFrom,
        bucketTo: s.bucketTo,
      },
      opts: {
        ...JOBS.scoreShard.options,
        jobId: jobIds.scoreShard(scoringId, s.index),
        failParentOnFailure: true,
      },
    })),
  });
  ctx.logger.info(
    { modelId: model._id, version: versionNumber, scoringId, shards: shards.length },
    "scoring planned",
  );
  return { scoringId, shards: shards.length };
}
