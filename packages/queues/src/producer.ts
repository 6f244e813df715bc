/**
 * The enqueue side: single jobs, flows (a parent with its children) and job schedulers, each
 * payload checked against the catalog before it reaches Redis. Used by the API and by handlers
 * that start other jobs. Ids come from job-ids.ts.
 */
import { FlowProducer, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { JOBS, type JobKey, QUEUE_NAMES, type QueueKey } from "./catalog.js";
import { jobIds } from "./job-ids.js";
import { bullPrefix } from "./prefix.js";
import { openQueueSet, type QueueSet } from "./queue-set.js";

/**
 * What a producer gives for a job: the schema's input, which may differ from what the handler
 * gets (`JobPayload`) where the schema converts (an ISO string or a Date in, a Date out).
 */
export type JobInput<K extends JobKey> = z.input<(typeof JOBS)[K]["schema"]>;

/** One job of a flow; flows are re-planned on retry, so every job in one needs its own id. */
export interface FlowJob<K extends JobKey> {
  key: K;
  payload: JobInput<K>;
  jobId: string;
}

/** A job scheduler: `pattern` (cron) fires `key` with `payload`; no pattern removes it. */
export interface Schedule<K extends JobKey> {
  id: string;
  key: K;
  pattern: string | null | undefined;
  payload: JobInput<K>;
}

/** A wake-up of one profile's streaming evaluation at the instant `at`. */
export interface ProfileWake {
  profileId: string;
  at: Date;
}

/** How a delivery is retried (DESTINATION_ATTEMPTS, DESTINATION_BACKOFF_MS). */
export interface DeliveryRetry {
  attempts: number;
  /** The first retry's delay; each next one doubles it. */
  backoffMs: number;
}

const retryOptions = ({ attempts, backoffMs }: DeliveryRetry): JobsOptions => ({
  attempts,
  backoff: { type: "exponential", delay: backoffMs },
});

export class Producer {
  readonly queues: QueueSet;
  readonly flows: FlowProducer;

  /** `queuePrefix` is QUEUE_PREFIX as configured; the keys live under `{queuePrefix}`. */
  constructor(
    readonly connection: Redis,
    readonly queuePrefix: string,
  ) {
    this.queues = openQueueSet(connection, queuePrefix);
    this.flows = new FlowProducer({ connection, prefix: bullPrefix(queuePrefix) });
  }

  /** Adds one job; `jobId` makes the add idempotent (BullMQ ignores a second add of the same id). */
  async enqueue<K extends JobKey>(key: K, payload: JobInput<K>, options: JobsOptions = {}) {
    const job = JOBS[key];
    const data = job.schema.parse(payload);
    return this.queues[job.queue].add(job.name, data, { ...job.options, ...options });
  }

  /**
   * Adds a parent and its children as one BullMQ flow: the parent runs once every child is done,
   * and a child that fails for good fails the parent (`failParentOnFailure`).
   */
  async enqueueFlow<P extends JobKey, C extends JobKey>(parent: FlowJob<P>, children: FlowJob<C>[]) {
    const node = <K extends JobKey>(j: FlowJob<K>) => {
      const job = JOBS[j.key];
      return {
        name: job.name,
        queueName: QUEUE_NAMES[job.queue],
        data: job.schema.parse(j.payload),
        opts: { ...job.options, jobId: j.jobId } as JobsOptions,
      };
    };
    return this.flows.add({
      ...node(parent),
      children: children.map((c) => {
        const child = node(c);
        return { ...child, opts: { ...child.opts, failParentOnFailure: true } };
      }),
    });
  }

  /** Creates, replaces or (with no pattern) removes one job scheduler. */
  async setSchedule<K extends JobKey>(schedule: Schedule<K>): Promise<void> {
    const job = JOBS[schedule.key];
    const queue = this.queues[job.queue];
    if (schedule.pattern == null) {
      await queue.removeJobScheduler(schedule.id);
      return;
    }
    await queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern },
      { name: job.name, data: job.schema.parse(schedule.payload), opts: job.options },
    );
  }

  /** Removes a scheduler by id alone (one whose job the catalog no longer has). */
  async removeSchedule(queue: QueueKey, id: string): Promise<void> {
    await this.queues[queue].removeJobScheduler(id);
  }

  /**
   * Asks for a streaming evaluation of each profile, coalesced per profile: while one waits, a
   * request joins it; while one runs, one more is kept to run after it (`keepLastIfActive`),
   * because the running evaluation may have read the profile before the new events were stored.
   */
  async requestProfileEvaluations(profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    const job = JOBS.evaluateProfile;
    await this.queues.streaming.addBulk(
      profileIds.map((profileId) => ({
        name: job.name,
        data: job.schema.parse({ profileId }),
        opts: {
          ...job.options,
          deduplication: { id: jobIds.profileEvaluation(profileId), keepLastIfActive: true },
        },
      })),
    );
  }

  /** A delayed wake-up of a profile's streaming evaluation at `at` (once per profile and instant). */
  async scheduleWake(profileId: string, at: Date): Promise<void> {
    await this.scheduleWakes([{ profileId, at }]);
  }

  /**
   * Many wake-ups in one Redis round trip (a batch shard schedules those of the profiles it
   * evaluated). Each is delayed to its instant (at once when past) and added once per profile
   * and instant: BullMQ ignores an id it holds, so a retried shard adds nothing twice.
   */
  async scheduleWakes(wakes: readonly ProfileWake[]): Promise<void> {
    if (wakes.length === 0) return;
    const job = JOBS.wakeProfile;
    const nowMs = Date.now();
    await this.queues.streaming.addBulk(
      wakes.map(({ profileId, at }) => ({
        name: job.name,
        data: job.schema.parse({ profileId, at }),
        opts: {
          ...job.options,
          jobId: jobIds.wakeProfile(profileId, at),
          delay: Math.max(0, at.getTime() - nowMs),
        },
      })),
    );
  }

  /**
   * Asks for a publish of the membership feed: while one waits, a request joins it; while one
   * runs, one more is kept to run after it (`keepLastIfActive`), because the running publisher may
   * have read the pending changes before these were recorded.
   */
  async requestFeedPublish(): Promise<void> {
    await this.enqueue(
      "publishFeed",
      {},
      { deduplication: { id: jobIds.publishFeed, keepLastIfActive: true } },
    );
  }

  /**
   * One deliver job per delivery, its id derived from the delivery's (a retried publisher adds
   * none twice), with the destinations' retry settings.
   */
  async enqueueDeliveries(deliveryIds: readonly string[], retry: DeliveryRetry): Promise<void> {
    if (deliveryIds.length === 0) return;
    const job = JOBS.deliver;
    await this.queues.feed.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: job.name,
        data: job.schema.parse({ deliveryId }),
        opts: { ...job.options, ...retryOptions(retry), jobId: jobIds.deliver(deliveryId) },
      })),
    );
  }

  /** The `n`th replay of a dead delivery: a fresh job with the full number of attempts. */
  async replayDelivery(deliveryId: string, n: number, retry: DeliveryRetry): Promise<string> {
    const jobId = jobIds.replayDelivery(deliveryId, n);
    await this.enqueue("deliver", { deliveryId }, { ...retryOptions(retry), jobId });
    return jobId;
  }

  /** Job counts per queue, for metrics and health. */
  async counts(): Promise<Record<QueueKey, Record<string, number>>> {
    const states = ["waiting", "active", "delayed", "failed", "completed", "waiting-children"] as const;
    const keys = Object.keys(this.queues) as QueueKey[];
    const counts = await Promise.all(keys.map((key) => this.queues[key].getJobCounts(...states)));
    return Object.fromEntries(keys.map((key, i) => [key, counts[i]!])) as Record<
      QueueKey,
      Record<string, number>
    >;
  }

  /** Closes the queues and the connection they share (BullMQ leaves a passed-in connection open). */
  async close(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.flows.close()]);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
