/** One shard of a scoring pass: score, write what changed, record the shard. */
import type { Job, JobPayload } from "@segflow/queues";
import { recordScoreShard } from "@segflow/store";
import { scoreShard as score } from "@segflow/training";
import type { TrainerContext } from "../context.js";

export async function scoreShard(ctx: TrainerContext, job: Job, payload: JobPayload<"scoreShard">) {
  const { modelId, version, scoringId, index, now } = payload;
  const scorer = await ctx.scorers.get(modelId, version);
  const started = Date.now();
  const result = await score(ctx.store, {
    modelId,
    version,
    artefact: scorer.artefact,
    scorer,
    range: payload,
    now,
    onProgress: (profiles) => void job.updateProgress({ profiles }),
  });
  await recordScoreShard(ctx.store, scoringId, index, result);
  ctx.logger.info(
    { jobId: job.id, modelId, version, shard: index, ...result, ms: Date.now() - started },
    "shard scored",
  );
  return result;
}
