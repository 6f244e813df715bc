/**
 * The trainer process (design.md, "Processes"): one or more replicas, separate from the segment
 * workers so that long training never starves evaluation. It consumes the training queue only.
 * Training runs in a worker thread, so this event loop stays free to renew BullMQ's locks; a
 * trainer killed mid-job has its job taken over by another (stalled-job recovery). SIGTERM
 * drains: active jobs finish, no new ones start, then the process exits.
 */
import { hostname } from "node:os";
import { loadConfig } from "@segflow/config";
import { createLogger } from "@segflow/logger";
import { initBackend } from "@segflow/propensity";
import { Producer, QUEUE_NAMES, workerConnection } from "@segflow/queues";
import { openStore, setModelStatus } from "@segflow/store";
import { type Job, Worker } from "bullmq";
import type { TrainerContext } from "./context.js";
import { processor } from "./processor.js";

const config = loadConfig();
const logger = createLogger({ name: "trainer", level: config.LOG_LEVEL });
const store = await openStore(config.MONGO_URL);
const producer = new Producer(workerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
// Scoring runs on this thread; the backend is picked (and logged) once.
await initBackend((line) => logger.info(line));
const ctx: TrainerContext = { config, logger, store, producer, scorers: new Map() };

const worker = new Worker(QUEUE_NAMES.training, processor(ctx), {
  name: `${hostname()}:${process.pid}`,
  prefix: config.QUEUE_PREFIX,
  concurrency: config.TRAINER_CONCURRENCY,
  connection: workerConnection(config.REDIS_URL),
  lockDuration: config.JOB_LOCK_MS,
  stalledInterval: Math.max(1000, Math.round(config.JOB_LOCK_MS / 2)),
  maxStalledCount: 3,
});

worker.on("failed", (job: Job | undefined, error: Error) => {
  if (!job) return;
  const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === "UnrecoverableError";
  logger.warn(
    { jobId: job.id, job: job.name, attempt: job.attemptsMade, final, err: error.message },
    "job failed",
  );
  const modelId = (job.data as { modelId?: string }).modelId;
  if (final && modelId && job.name !== "train-model") {
    void setModelStatus(store, modelId, "failed", { error: `${job.name} failed: ${error.message}` });
  }
});
worker.on("error", (error) => logger.error({ err: error.message }, "trainer error"));

logger.info({ concurrency: config.TRAINER_CONCURRENCY, prefix: config.QUEUE_PREFIX }, "trainer started");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "draining: finishing active jobs");
  await worker.close();
  for (const scorer of ctx.scorers.values()) scorer.dispose();
  await producer.close();
  await store.close();
  logger.info("trainer stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
