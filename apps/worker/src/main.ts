/**
 * The worker process: any number of replicas on any number of machines. It consumes the run
 * and shard queues, and shares nothing with its peers but Redis and MongoDB. SIGTERM drains:
 * active jobs finish, no new ones start, then the process exits.
 */
import { hostname } from "node:os";
import { loadConfig } from "@segflow/config";
import { createLogger } from "@segflow/logger";
import { Producer, QUEUE_NAMES, workerConnection } from "@segflow/queues";
import { failRun, openStore } from "@segflow/store";
import { type Job, Worker } from "bullmq";
import type { WorkerContext } from "./context.js";
import { processor } from "./processor.js";

const config = loadConfig();
const logger = createLogger({ name: "worker", level: config.LOG_LEVEL });
const store = await openStore(config.MONGO_URL);
const producer = new Producer(workerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
const ctx: WorkerContext = { config, logger, store, producer, compiledRuns: new Map() };

const options = {
  // Shown in Bull Board and on each job (`processedBy`): which process holds it.
  name: `${hostname()}:${process.pid}`,
  prefix: config.QUEUE_PREFIX,
  concurrency: config.WORKER_CONCURRENCY,
  lockDuration: config.JOB_LOCK_MS,
  // A crashed worker's jobs are noticed within one interval and handed to another worker.
  stalledInterval: Math.max(1000, Math.round(config.JOB_LOCK_MS / 2)),
  maxStalledCount: 3,
};
const workers = [
  new Worker(QUEUE_NAMES.runs, processor(ctx), {
    ...options,
    connection: workerConnection(config.REDIS_URL),
  }),
  new Worker(QUEUE_NAMES.shards, processor(ctx), {
    ...options,
    connection: workerConnection(config.REDIS_URL),
  }),
];

for (const w of workers) {
  w.on("failed", (job: Job | undefined, error: Error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === "UnrecoverableError";
    logger.warn(
      { jobId: job.id, job: job.name, attempt: job.attemptsMade, final, err: error.message },
      "job failed",
    );
    const runId = (job.data as { runId?: string }).runId;
    if (final && runId) void failRun(store, runId, `${job.name} failed: ${error.message}`);
  });
  w.on("error", (error) => logger.error({ err: error.message }, "worker error"));
}

// Retention is a TTL index now (ARCHITECTURE.md, "Store setup"); a Redis kept from an older
// deployment still holds the clean-up job's scheduler, whose jobs no worker knows any more.
await producer.queues.runs.removeJobScheduler("cleanup-events");

logger.info(
  { concurrency: config.WORKER_CONCURRENCY, prefix: config.QUEUE_PREFIX, lockMs: config.JOB_LOCK_MS },
  "worker started",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "draining: finishing active jobs");
  await Promise.all(workers.map((w) => w.close()));
  await producer.close();
  await store.close();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
