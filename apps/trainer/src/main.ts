/**
 * The trainer process (ARCHITECTURE.md): one or more replicas, separate from the segment
 * workers so that long training never starves evaluation. It consumes the training queue only.
 * Training runs in a worker thread, so this event loop stays free to renew BullMQ's locks; a
 * trainer killed mid-job has its job taken over by another (stalled-job recovery). SIGTERM
 * drains: active jobs finish, no new ones start, then the process exits.
 */
import { loadConfig } from "@segflow/config";
import { createLogger } from "@segflow/logger";
import { initBackend } from "@segflow/propensity";
import { consume, drainOnSignals, Producer, requireNoEviction, workerConnection } from "@segflow/queues";
import { openStore } from "@segflow/store";
import { PERMANENT_ERRORS, ScorerCache } from "@segflow/training";
import type { TrainerContext } from "./context.js";
import { failModelOfJob, trainingHandlers } from "./handlers/index.js";

const config = loadConfig();
const logger = createLogger({ name: "trainer", level: config.LOG_LEVEL });
// A Redis that may evict keys would lose jobs: refuse to start, saying why.
await requireNoEviction(config.REDIS_URL, logger).catch((error: unknown) => {
  logger.fatal((error as Error).message);
  process.exit(1);
});
const store = await openStore(config.MONGO_URL);
const producer = new Producer(workerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
// Scoring runs on this thread; the backend is picked (and logged) once.
await initBackend((line) => logger.info(line));
const ctx: TrainerContext = { config, logger, store, producer, scorers: new ScorerCache(store) };

const consumer = consume("training", trainingHandlers(ctx), {
  redisUrl: config.REDIS_URL,
  queuePrefix: config.QUEUE_PREFIX,
  concurrency: config.TRAINER_CONCURRENCY,
  lockMs: config.JOB_LOCK_MS,
  logger,
  // A missing model or version, a version that may not be scored, data or a definition that
  // cannot be trained: retrying changes none of them.
  permanent: PERMANENT_ERRORS,
  onFinalFailure: failModelOfJob(ctx),
});

logger.info(
  { concurrency: config.TRAINER_CONCURRENCY, prefix: config.QUEUE_PREFIX, lockMs: config.JOB_LOCK_MS },
  "trainer started",
);

drainOnSignals(logger, "trainer", async () => {
  await consumer.close();
  await ctx.scorers.dispose();
  await producer.close();
  await store.close();
});
