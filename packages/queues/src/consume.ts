/**
 * The consume side: one BullMQ Worker per queue with the options every segflow process shares,
 * each payload parsed against the catalog and handed to a handler typed from it, errors
 * classified by the one policy (errors.ts), and one hook for a job that failed for good.
 */
import { hostname } from "node:os";
import { type Job, Worker } from "bullmq";
import { JOBS, type JobOfQueue, type JobPayload, jobByName, QUEUE_NAMES, type QueueKey } from "./catalog.js";
import { workerConnection } from "./connections.js";
import { classifyJobError, type ErrorClass, isUnrecoverable, PermanentJobError } from "./errors.js";
import { bullPrefix } from "./prefix.js";

/** What consume logs through: pino's Logger fits (queues imports no package of ours). */
export interface JobLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** One handler per job of the queue, each getting its payload as the catalog types it. */
export type Handlers<Q extends QueueKey> = {
  [K in JobOfQueue<Q>]: (job: Job, payload: JobPayload<K>) => Promise<unknown>;
};

export interface ConsumeOptions {
  redisUrl: string;
  /** QUEUE_PREFIX as configured (hash-tagged here, prefix.ts). */
  queuePrefix: string;
  /** Jobs this process runs at once on this queue. */
  concurrency: number;
  /**
   * JOB_LOCK_MS: how long a silent worker keeps a job. BullMQ renews the lock every half of it
   * while the handler runs; a crashed worker's job is taken over once it lapses.
   */
  lockMs: number;
  logger: JobLogger;
  /**
   * Runs once per job that failed for good (unrecoverable, or no attempt left). Its own errors
   * are logged; they never reach the worker.
   */
  onFinalFailure?: (job: Job, error: Error) => Promise<unknown> | unknown;
  /** Error classes that fail a job without retries (errors.ts). @defaultValue [] */
  permanent?: readonly ErrorClass[];
  /** Shown in Bull Board and on each job (`processedBy`). @defaultValue `${hostname()}:${pid}` */
  name?: string;
}

export interface Consumer {
  readonly worker: Worker;
  /** Stops taking jobs, lets active ones and pending failure hooks finish, then disconnects. */
  close(): Promise<void>;
}

/** How many times a job may stall (its worker silent past the lock) before it fails. */
const MAX_STALLED = 3;

export function consume<Q extends QueueKey>(
  queue: Q,
  handlers: Handlers<Q>,
  options: ConsumeOptions,
): Consumer {
  const { logger, permanent = [] } = options;
  // Looked up by name at run time: each handler is only ever called with the payload its own
  // job's schema parsed (below), which is the type its entry in Handlers<Q> declares.
  const table = handlers as unknown as Record<string, (job: Job, payload: unknown) => Promise<unknown>>;

  async function process(job: Job): Promise<unknown> {
    const key = jobByName(job.name);
    const handler = key && JOBS[key].queue === queue ? table[key] : undefined;
    if (!key || !handler)
      throw new PermanentJobError(`unknown job ${job.name} on queue ${QUEUE_NAMES[queue]}`);
    const parsed = JOBS[key].schema.safeParse(job.data);
    if (!parsed.success) throw new PermanentJobError(`bad payload for ${job.name}: ${parsed.error.message}`);
    try {
      return await handler(job, parsed.data);
    } catch (error) {
      throw classifyJobError(error, permanent);
    }
  }

  const connection = workerConnection(options.redisUrl);
  const worker = new Worker(QUEUE_NAMES[queue], process, {
    name: options.name ?? `${hostname()}:${globalThis.process.pid}`,
    connection,
    prefix: bullPrefix(options.queuePrefix),
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    // A crashed worker's jobs are noticed within one interval and handed to another worker.
    stalledInterval: Math.max(1000, Math.round(options.lockMs / 2)),
    maxStalledCount: MAX_STALLED,
  });

  const hooks = new Set<Promise<void>>();
  worker.on("failed", (job: Job | undefined, error: Error) => {
    if (!job) return;
    const final =
      isUnrecoverable(error) || job.attemptsMade >= (job.opts.attempts ?? 1) || job.finishedOn !== undefined;
    logger.warn(
      {
        jobId: job.id,
        job: job.name,
        queue: QUEUE_NAMES[queue],
        attempt: job.attemptsMade,
        final,
        err: error.message,
      },
      "job failed",
    );
    const hook = options.onFinalFailure;
    if (!final || !hook) return;
    const running: Promise<void> = Promise.resolve()
      .then(() => hook(job, error))
      .then(
        () => undefined,
        (hookError: unknown) =>
          logger.error({ jobId: job.id, job: job.name, err: hookError }, "failure hook failed"),
      )
      .finally(() => hooks.delete(running));
    hooks.add(running);
  });
  worker.on("error", (error) => logger.error({ queue: QUEUE_NAMES[queue], err: error }, "worker error"));

  return {
    worker,
    async close() {
      await worker.close();
      await Promise.all(hooks);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
