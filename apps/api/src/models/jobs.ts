/**
 * Training and scoring requests as jobs for the trainer, one of each kind per model at a time:
 * BullMQ deduplication (`jobIds.trainModel` / `jobIds.scoreModel`) makes a request made while
 * one waits or runs join it instead of queueing another.
 */
import type { ModelJobAccepted } from "@segflow/api-contract";
import { JOBS, type JobInput, jobIds, type Producer } from "@segflow/queues";
import { redisCall } from "../http/timeout.js";

type Accepted = Omit<ModelJobAccepted, "id">;

export async function enqueueModelJob<K extends "trainModel" | "scoreModel">(
  producer: Producer,
  key: K,
  payload: JobInput<K>,
  deduplicationId: string,
): Promise<Accepted> {
  // A job id of our own: a deduplicated add answers with the id of the job already there, so
  // comparing tells the client whether its request started a job or joined one.
  const ownId = jobIds.request(deduplicationId);
  const job = await redisCall(
    producer.enqueue(key, payload, { jobId: ownId, deduplication: { id: deduplicationId } }),
    "enqueue",
  );
  const jobId = String(job.id);
  const status = await redisCall(producer.queues[JOBS[key].queue].getJobState(jobId), `job ${jobId}`);
  return { jobId, status, deduplicated: jobId !== ownId };
}
