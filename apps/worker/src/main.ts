/**
 * The worker process: any number of replicas on any number of machines. It consumes the run
 * and shard queues, and shares nothing with its peers but Redis and MongoDB. SIGTERM drains:
 * active jobs finish, no new ones start, then the process exits.
 */
import { loadConfig } from "@segflow/config";
import {
  InvalidRequestError,
  NotFoundError,
  StreamingEvaluator,
  StreamingSetCache,
} from "@segflow/evaluation";
import { createLogger } from "@segflow/logger";
import {
  type ConsumeOptions,
  consume,
  drainOnSignals,
  Producer,
  requireNoEviction,
  schedulerIds,
  workerConnection,
} from "@segflow/queues";
import { openStore } from "@segflow/store";
import type { WorkerContext } from "./context.js";
import { coalescedPublishRequests, scheduleFeedSweep } from "./feed.js";
import {
  deadLetterOfJob,
  failRunOfJob,
  feedHandlers,
  runHandlers,
  shardHandlers,
  streamingHandlers,
} from "./handlers/index.js";

const config = loadConfig();
const logger = createLogger({ name: "worker", level: config.LOG_LEVEL });
// A Redis that may evict keys would lose jobs: refuse to start, saying why.
await requireNoEviction(config.REDIS_URL, logger).catch((error: unknown) => {
  logger.fatal((error as Error).message);
  process.exit(1);
});
const store = await openStore(config.MONGO_URL);
const producer = new Producer(workerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
const ctx: WorkerContext = {
  config,
  logger,
  store,
  producer,
  compiledRuns: new Map(),
  streamingSets: new StreamingSetCache(store),
  streaming: new StreamingEvaluator(store),
  requestPublish: coalescedPublishRequests({ producer }),
};

const options: ConsumeOptions = {
  redisUrl: config.REDIS_URL,
  queuePrefix: config.QUEUE_PREFIX,
  concurrency: config.WORKER_CONCURRENCY,
  lockMs: config.JOB_LOCK_MS,
  logger,
  onFinalFailure: failRunOfJob(ctx),
  // A scheduled run of segments that were deleted, or of none, can never start: no retries.
  permanent: [NotFoundError, InvalidRequestError],
};
// WORKER_QUEUES may dedicate this process to some queues (all by default).
const taken = new Set(config.WORKER_QUEUES);
const consumers = [
  taken.has("runs") && consume("runs", runHandlers(ctx), options),
  taken.has("shards") && consume("shards", shardHandlers(ctx), options),
  taken.has("streaming") &&
    consume("streaming", streamingHandlers(ctx), { ...options, concurrency: config.STREAMING_CONCURRENCY }),
  // A delivery out of attempts becomes a dead letter (deadLetterOfJob), not a failed run.
  taken.has("feed") &&
    consume("feed", feedHandlers(ctx), { ...options, onFinalFailure: deadLetterOfJob(ctx) }),
].filter((c) => c !== false);

// Retention is a TTL index now (ARCHITECTURE.md, "Store setup"); a Redis kept from an older
// deployment still holds the clean-up job's scheduler, whose jobs no worker knows any more.
await producer.removeSchedule("runs", schedulerIds.legacyCleanupEvents);
// The feed's sweep publishes changes whose recorder died before asking for a publish.
if (taken.has("feed")) await scheduleFeedSweep(producer);

logger.info(
  {
    queues: [...taken],
    concurrency: config.WORKER_CONCURRENCY,
    streamingConcurrency: config.STREAMING_CONCURRENCY,
    prefix: config.QUEUE_PREFIX,
    lockMs: config.JOB_LOCK_MS,
  },
  "worker started",
);

drainOnSignals(logger, "worker", async () => {
  await Promise.all(consumers.map((c) => c.close()));
  await producer.close();
  await store.close();
});
