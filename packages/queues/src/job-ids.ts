/**
 * Every job, flow and scheduler id, built here and nowhere else. Ids derive from what the job
 * is about (a run, a model version, a scoring pass), so that a retried job or a repeated request
 * adds nothing twice: BullMQ ignores a second add of an id it holds.
 */
import { createHash, randomBytes } from "node:crypto";

/** Scoring ids and job ids become Redis keys and MongoDB ids: keep them to safe characters. */
const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, "_");
/**
 * A profile id in a job id: profile ids are any string, and BullMQ refuses `:` in job ids, so a
 * digest stands for it (the payload carries the id itself).
 */
const digest = (id: string) => createHash("sha1").update(id).digest("base64url");

export const jobIds = {
  planRun: (runId: string) => `plan-${runId}`,
  finishRun: (runId: string) => `finish-${runId}`,
  evaluateShard: (runId: string, index: number) => `shard-${runId}-${index}`,
  /** Deduplication ids: one training and one scoring per model at a time. */
  trainModel: (modelId: string) => `train-${modelId}`,
  scoreModel: (modelId: string) => `score-${modelId}`,
  /** The scoring a trained version queues for itself: once per version. */
  scoreVersion: (modelId: string, version: number) => `score-${modelId}-v${version}`,
  /**
   * A request's own job id beside its deduplication id: a deduplicated add answers with the id
   * of the job already there, so comparing tells whether the request started a job or joined one.
   */
  request: (deduplicationId: string) => `${deduplicationId}-${randomBytes(4).toString("hex")}`,
  /** One scoring pass of a version; `attempt` is the planning job's id, so a retried plan reuses it. */
  scoring: (modelId: string, version: number, attempt: string) => safe(`${modelId}-v${version}-${attempt}`),
  finishScoring: (scoringId: string) => `finish-scoring-${scoringId}`,
  scoreShard: (scoringId: string, index: number) => `score-shard-${scoringId}-${index}`,
  checkOutcomes: (scoringId: string) => `outcomes-${scoringId}`,
  /**
   * The deduplication id of a profile's streaming evaluation: requests while one waits join it;
   * a request while one runs starts one more after it (the running one may have read too early).
   */
  profileEvaluation: (profileId: string) => `profile-${digest(profileId)}`,
  /** One wake-up per profile and instant: two evaluations that find the same instant add it once. */
  wakeProfile: (profileId: string, at: Date) => `wake-${digest(profileId)}-${at.getTime()}`,
  /**
   * The deduplication id of the feed's publisher: requests while one waits join it; a request
   * while one runs keeps one more to run after it (the running one may have read too early).
   */
  publishFeed: "publish-feed",
  /** A delivery's first job: a retried publisher enqueues the same delivery once. */
  deliver: (deliveryId: string) => `deliver-${deliveryId}`,
  /** The `n`th replay of a dead delivery: a job of its own, since the first one failed for good. */
  replayDelivery: (deliveryId: string, n: number) => `deliver-${deliveryId}-replay-${n}`,
};

/** Job scheduler ids (BullMQ job schedulers: one cron each). */
export const schedulerIds = {
  /** A scheduled segment's own runs. */
  segment: (segmentId: string) => `segment-${segmentId}`,
  /** The scheduled run of every segment. */
  allSegments: "all-segments",
  /** A model's cron schedules. */
  model: (modelId: string, what: "train" | "score") => `model-${what}-${modelId}`,
  /**
   * The retention clean-up of older deployments (retention is a TTL index now, ARCHITECTURE.md
   * "Store setup"): workers remove it from a Redis that still holds it.
   */
  legacyCleanupEvents: "cleanup-events",
  /** Publishes changes recorded by a process that died before it requested a publish. */
  feedSweep: "feed-sweep",
} as const;
