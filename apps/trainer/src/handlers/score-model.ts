/**
 * Plans the scoring of a model version (packages/training decides which: the one named, else the
 * active one): one shard job per bucket range under a `finish-scoring` parent, added as one BullMQ
 * flow, like a batch run.
 */
import { type Job, type JobPayload, jobIds } from "@segflow/queues";
import { planShards } from "@segflow/store";
import { startScoring, versionForScoringJob } from "@segflow/training";
import type { TrainerContext } from "../context.js";

export async function scoreModel(ctx: TrainerContext, job: Job, payload: JobPayload<"scoreModel">) {
  const { modelId } = payload;
  const version = await versionForScoringJob(ctx.store, modelId, payload.version);
  const now = payload.now ?? new Date();
  // The job id makes a retried plan reuse its scoring id, so it adds nothing twice.
  const scoringId = jobIds.scoring(modelId, version, job.id ?? String(now.getTime()));
  const shards = planShards(ctx.config.SHARD_COUNT);
  await startScoring(ctx.store, modelId, version, { id: scoringId, now, shardsTotal: shards.length });
  await ctx.producer.enqueueFlow(
    {
      key: "finishScoring",
      payload: { modelId, version, scoringId },
      jobId: jobIds.finishScoring(scoringId),
    },
    shards.map((s) => ({
      key: "scoreShard" as const,
      payload: {
        modelId,
        version,
        scoringId,
        now,
        index: s.index,
        bucketFrom: s.bucketFrom,
        bucketTo: s.bucketTo,
      },
      jobId: jobIds.scoreShard(scoringId, s.index),
    })),
  );
  ctx.logger.info({ jobId: job.id, modelId, version, scoringId, shards: shards.length }, "scoring planned");
  return { scoringId, shards: shards.length };
}
