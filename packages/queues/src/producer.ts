/**
 * The enqueue side: BullMQ queues and a flow producer over one connection, with payloads
 * checked against the catalog. Used by the API and by workers that start other jobs.
 */
import { FlowProducer, type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { JOBS, type JobKey, type JobPayload, QUEUE_NAMES, type QueueKey } from "./catalog.js";

export class Producer {
  readonly queues: Record<QueueKey, Queue>;
  readonly flows: FlowProducer;

  constructor(
    readonly connection: Redis,
    readonly prefix: string,
  ) {
    this.queues = {
      runs: new Queue(QUEUE_NAMES.runs, { connection, prefix }),
      shards: new Queue(QUEUE_NAMES.shards, { connection, prefix }),
      training: new Queue(QUEUE_NAMES.training, { connection, prefix }),
    };
    this.flows = new FlowProducer({ connection, prefix });
  }

  /** Adds one job; `jobId` makes the add idempotent (BullMQ ignores a second add of the same id). */
  async enqueue<K extends JobKey>(key: K, payload: JobPayload<K>, options: JobsOptions = {}) {
    const job = JOBS[key];
    const data = job.schema.parse(payload);
    return this.queues[job.queue].add(job.name, data, { ...job.options, ...options });
  }

  /** Job counts per queue, for metrics and health. */
  async counts(): Promise<Record<QueueKey, Record<string, number>>> {
    const states = ["waiting", "active", "delayed", "failed", "completed", "waiting-children"] as const;
    const [runs, shards, training] = await Promise.all([
      this.queues.runs.getJobCounts(...states),
      this.queues.shards.getJobCounts("waiting", "active", "delayed", "failed", "completed"),
      this.queues.training.getJobCounts(...states),
    ]);
    return { runs, shards, training };
  }

  /** Closes the queues and the connection they share (BullMQ leaves a passed-in connection open). */
  async close(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.flows.close()]);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
