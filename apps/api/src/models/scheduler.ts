/**
 * A model's schedules as BullMQ job schedulers on the training queue: `model-train-<id>` fires
 * the catalog's `trainModel` job, `model-score-<id>` its `scoreModel` job (the active version),
 * each with `{ modelId }`; a trainer runs them.
 */
import { type Producer, schedulerIds } from "@segflow/queues";
import { redisCall } from "../http/timeout.js";

export type ModelSchedule = { train?: string | undefined; score?: string | undefined };

const JOB_OF = { train: "trainModel", score: "scoreModel" } as const;

/** Creates, replaces or (with undefined) removes one of the model's schedulers. */
async function setScheduler(
  producer: Producer,
  modelId: string,
  what: keyof typeof JOB_OF,
  pattern: string | undefined,
): Promise<void> {
  const id = schedulerIds.model(modelId, what);
  const schedule = { id, key: JOB_OF[what], pattern, payload: { modelId } };
  await redisCall(producer.setSchedule(schedule), `scheduler ${id}`);
}

/**
 * Makes both schedulers match `schedule`: a cron given is upserted, one absent is removed. Both
 * are written every time, so that repeating a request repairs a scheduler a Redis failure left
 * out of step with the stored model.
 */
export async function setModelSchedules(
  producer: Producer,
  modelId: string,
  schedule: ModelSchedule,
): Promise<void> {
  await setScheduler(producer, modelId, "train", schedule.train);
  await setScheduler(producer, modelId, "score", schedule.score);
}
