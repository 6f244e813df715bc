/** One shard of a scoring pass: score, write what changed, record the shard. */
import { type ModelArtefact, Scorer } from "@segflow/propensity";
import { getModelVersion, recordScoreShard, versionId } from "@segflow/store";
import { scoreShard as score } from "@segflow/training";
import { type Job, UnrecoverableError } from "bullmq";
import type { TrainerContext } from "../context.js";

const CACHED_SCORERS = 4;

export async function scoreShard(
  ctx: TrainerContext,
  job: Job,
  payload: {
    modelId: string;
    version: number;
    scoringId: string;
    now: string;
    index: number;
    bucketFrom: number;
    bucketTo: number;
  },
) {
  const id = versionId(payload.modelId, payload.version);
  let scorer = ctx.scorers.get(id);
  if (!scorer) {
    const version = await getModelVersion(ctx.store, payload.modelId, payload.version);
    if (!version) throw new UnrecoverableError(`model version ${id} does not exist`);
    scorer = new Scorer(version.artefact as unknown as ModelArtefact);
    ctx.scorers.set(id, scorer);
    if (ctx.scorers.size > CACHED_SCORERS) {
      const [oldest] = ctx.scorers.keys();
      ctx.scorers.get(oldest!)?.dispose();
      ctx.scorers.delete(oldest!);
    }
  }
  const started = Date.now();
  const result = await score(ctx.store, {
    modelId: payload.modelId,
    version: payload.version,
    artefact: scorer.artefact,
    scorer,
    range: payload,
    now: new Date(payload.now),
    onProgress: (profiles) => void job.updateProgress({ profiles }),
  });
  await recordScoreShard(ctx.store, payload.scoringId, payload.index, result);
  ctx.logger.info(
    {
      jobId: job.id,
      modelId: payload.modelId,
      version: payload.version,
      shard: payload.index,
      ...result,
      ms: Date.now() - started,
    },
    "shard scored",
  );
  return result;
}
