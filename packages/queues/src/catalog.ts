/**
 * Every job segflow runs, in one typed map (as trigger.dev's redis-worker does): its queue,
 * its payload schema and its options. Producers and handlers both derive their types from
 * here, so a payload change breaks at compile time on both sides.
 */
import type { JobsOptions } from "bullmq";
import { z } from "zod";

/** Queue names (BullMQ keys are `{<QUEUE_PREFIX>}:<name>:…`, prefix.ts). */
export const QUEUE_NAMES = {
  /** Run-level jobs: plan a run, finish it, scheduled runs. */
  runs: "evaluation-runs",
  /** One job per shard of a run. */
  shards: "evaluation-shards",
  /** Propensity training and scoring: the trainer's own queue, so training never starves evaluation. */
  training: "propensity",
  /**
   * Streaming evaluation: one job per profile whose events or attributes changed (coalesced per
   * profile), and the delayed re-evaluations of profiles at the instant time alone may change them.
   */
  streaming: "streaming-evaluation",
  /**
   * The membership feed: publishing recorded changes into deliveries, and each delivery's
   * webhook call, so a slow receiver never holds up evaluation.
   */
  feed: "feed",
} as const;

export type QueueKey = keyof typeof QUEUE_NAMES;

const runId = z.string().min(1);
/**
 * An instant: a Date in code, its ISO string in Redis (payloads are JSON, and a Date serialises
 * as its ISO string). Handlers receive a Date; producers may give a Date or an ISO string.
 */
const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const retried: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
  // Keep finished jobs for a day (Bull Board, debugging) but never let them pile up.
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** Streaming jobs: small and many; quick retries, since an event waits on them. */
const streaming: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 250 },
  // Thousands an hour: keep a few for Bull Board, and the failed ones for a week.
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

export const JOBS = {
  /** Splits a queued run into shard jobs under a `finishRun` parent (a BullMQ flow). */
  planRun: { queue: "runs", name: "plan-run", schema: z.object({ runId }), options: retried },
  /** Parent of the shard jobs: folds their counts into the run once all are done. */
  finishRun: { queue: "runs", name: "finish-run", schema: z.object({ runId }), options: retried },
  /** Evaluates the run's segments on one bucket range and writes the memberships that changed. */
  evaluateShard: {
    queue: "shards",
    name: "evaluate-shard",
    schema: z.object({
      runId,
      index: z.number().int().min(0),
      bucketFrom: z.number().int().min(0),
      bucketTo: z.number().int().min(1),
    }),
    options: retried,
  },
  /** Fired by a job scheduler: starts a run of the given segments (all when omitted). */
  scheduledRun: {
    queue: "runs",
    name: "scheduled-run",
    schema: z.object({ segmentIds: z.array(z.string()).optional() }),
    options: {
      attempts: 3,
      backoff: { type: "exponential", delay: 5000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  },
  /** Trains a model (in a worker thread), stores the version, then scores it when it is good. */
  trainModel: {
    queue: "training",
    name: "train-model",
    schema: z.object({ modelId: z.string().min(1), now: instant.optional() }),
    options: { ...retried, attempts: 2 },
  },
  /** Splits scoring of a model version into shard jobs under a `finishScoring` parent. */
  scoreModel: {
    queue: "training",
    name: "score-model",
    schema: z.object({
      modelId: z.string().min(1),
      /** The active version when omitted (scheduled rescoring). */
      version: z.number().int().min(1).optional(),
      now: instant.optional(),
    }),
    options: retried,
  },
  /** Scores one bucket range with a model version and writes the scores that changed. */
  scoreShard: {
    queue: "training",
    name: "score-shard",
    schema: z.object({
      modelId: z.string().min(1),
      version: z.number().int().min(1),
      scoringId: z.string().min(1),
      now: instant,
      index: z.number().int().min(0),
      bucketFrom: z.number().int().min(0),
      bucketTo: z.number().int().min(1),
    }),
    options: retried,
  },
  /** Parent of the scoring shards: makes the version the one in use. */
  finishScoring: {
    queue: "training",
    name: "finish-scoring",
    schema: z.object({
      modelId: z.string().min(1),
      version: z.number().int().min(1),
      scoringId: z.string().min(1),
    }),
    options: retried,
  },
  /** Predicted versus actual per bucket for a scored version, once its window has passed (delayed). */
  checkOutcomes: {
    queue: "training",
    name: "check-outcomes",
    schema: z.object({ modelId: z.string().min(1), version: z.number().int().min(1) }),
    options: retried,
  },
  /**
   * Evaluates one profile's streaming segments (and those reading them through `inSegment`) and
   * writes what changed. Requests for one profile are coalesced (jobIds.profileEvaluation).
   */
  evaluateProfile: {
    queue: "streaming",
    name: "evaluate-profile",
    schema: z.object({
      profileId: z.string().min(1),
      /** Set by the first attempt that has changes to write, so that a retry writes the same ones. */
      now: instant.optional(),
    }),
    options: streaming,
  },
  /** Delayed to the instant a profile's streaming memberships may change with time alone. */
  wakeProfile: {
    queue: "streaming",
    name: "wake-profile",
    schema: z.object({ profileId: z.string().min(1), at: instant }),
    options: streaming,
  },
  /**
   * Publishes the membership changes not yet published, in batches, as one delivery per matching
   * destination and batch. Requested after changes are recorded (deduplicated: jobIds.publishFeed)
   * and swept by a scheduler (schedulerIds.feedSweep).
   */
  publishFeed: {
    queue: "feed",
    name: "publish-feed",
    schema: z.object({}),
    options: {
      attempts: 5,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: { age: 3600, count: 100 },
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    },
  },
  /**
   * Fired by the feed's scheduler: requests a (deduplicated) publish, so that changes recorded by a
   * process that died before requesting one are published too, and never by two publishers at once.
   */
  sweepFeed: {
    queue: "feed",
    name: "sweep-feed",
    schema: z.object({}),
    options: { attempts: 1, removeOnComplete: 10, removeOnFail: 100 },
  },
  /**
   * POSTs one delivery to its destination. Attempts and backoff come from the configuration
   * (DESTINATION_ATTEMPTS, DESTINATION_BACKOFF_MS) at enqueue time; these are the fallback.
   */
  deliver: {
    queue: "feed",
    name: "deliver",
    schema: z.object({ deliveryId: z.string().min(1) }),
    options: {
      attempts: 8,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
    },
  },
} as const satisfies Record<
  string,
  { queue: QueueKey; name: string; schema: z.ZodType; options: JobsOptions }
>;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = z.infer<(typeof JOBS)[K]["schema"]>;
/** The jobs a queue carries, e.g. `JobOfQueue<"runs">` = "planRun" | "finishRun" | "scheduledRun". */
export type JobOfQueue<Q extends QueueKey> = {
  [K in JobKey]: (typeof JOBS)[K]["queue"] extends Q ? K : never;
}[JobKey];

/** The catalog entry for a job name read off a BullMQ job. */
export function jobByName(name: string): JobKey | undefined {
  return (Object.keys(JOBS) as JobKey[]).find((k) => JOBS[k].name === name);
}

/** Parses a payload; throws a zod error naming the bad field. */
export function parsePayload<K extends JobKey>(key: K, data: unknown): JobPayload<K> {
  return JOBS[key].schema.parse(data) as JobPayload<K>;
}
