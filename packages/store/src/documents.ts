/**
 * The documents segflow keeps in MongoDB (ARCHITECTURE.md, "A batch run", "Propensity: training
 * and scoring"). Field names are the storage contract: other tools may read them.
 */
import type { Document } from "mongodb";

/** Adobe's membership statuses: entered in this run, still in, left in this run. */
export type MembershipStatus = "realized" | "existing" | "exited";

export interface MembershipEntry {
  status: MembershipStatus;
  /** The run's `now` when the profile (last) entered the segment. */
  lastQualificationTime: Date;
  /**
   * The run that wrote this entry: a re-run of the same shard recognises its own writes. For a
   * streaming evaluation, its own id (`stream-…`, evaluation/streaming).
   */
  runId: string;
  /** What wrote the entry; absent on entries written before streaming existed (batch). */
  source?: ChangeSource;
}

/** What evaluated a membership: a batch run, or the streaming evaluation of one profile. */
export type ChangeSource = "batch" | "streaming";

/**
 * One realized or exited transition of a profile in a segment (`membership_changes`): the
 * profile's membership history. `_id` is `<runId>:<segmentId>:<profileId>`, stable across
 * retries of a shard.
 */
export interface MembershipChangeDoc {
  _id: string;
  profileId: string;
  segmentId: string;
  status: Exclude<MembershipStatus, "existing">;
  /** The run's `now`. */
  at: Date;
  runId: string;
  /** What made the change. */
  source: ChangeSource;
}

/**
 * A change the membership feed has taken into a publish batch (`feed_published`, feed-outbox.ts):
 * the batch's claim, and what keeps a change recorded again (a retried shard) from being
 * published twice. Expired a week after publication.
 */
export interface FeedPublishedDoc {
  /** The change's id. */
  _id: string;
  batchId: string;
  at: Date;
}

/** A webhook destination (`destinations`): where the membership feed is POSTed. */
export interface DestinationDoc {
  _id: string;
  /** An http(s) URL. */
  url: string;
  /** The HMAC-SHA256 key of the signature header; stored as given, never answered by the API. */
  secret: string;
  /** The segments whose changes it receives; null for every segment. */
  segments: string[] | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `pending` until its POST is answered 2xx (`delivered`), or `dead` after its last attempt. */
export type DeliveryStatus = "pending" | "delivered" | "dead";

/** One change as a delivery carries it, and as its body sends it. */
export interface FeedChange {
  /** The change's stable id (`membership_changes._id`): receivers deduplicate by it. */
  id: string;
  profileId: string;
  segmentId: string;
  status: MembershipChangeDoc["status"];
  at: Date;
  source: ChangeSource;
  runId: string;
}

/**
 * One POST to one destination (`deliveries`): the changes of one publish batch that its segment
 * filter keeps. `_id` is `<destinationId>-<batchId>`, so a retried publisher writes it once.
 */
export interface DeliveryDoc {
  _id: string;
  destinationId: string;
  batchId: string;
  changes: FeedChange[];
  /** `changes.length`, for lists that leave the changes out. */
  changeCount: number;
  status: DeliveryStatus;
  /** POSTs made so far, replays included. */
  attempts: number;
  lastError: string | null;
  /** The HTTP status of the last answer; null when none came (a timeout, a refused connection). */
  lastStatusCode: number | null;
  /** Times it was put back to pending after it died. */
  replays: number;
  createdAt: Date;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

export interface ProfileDoc {
  _id: string;
  /** Stable hash of the id, 0..BUCKETS-1, fixed at first write: the unit of sharding. */
  bucket: number;
  attributes: Record<string, unknown>;
  scores?: Record<string, unknown>;
  segmentMembership?: Record<string, MembershipEntry>;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventDoc {
  profileId: string;
  bucket: number;
  type: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  receivedAt: Date;
}

export interface SegmentDoc {
  _id: string;
  name: string;
  definition: string;
  /** Re-evaluated on new events (streaming evaluation). */
  streaming: boolean;
  /** Cron pattern for scheduled evaluation, or null. */
  schedule: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SegmentCounts {
  realized: number;
  existing: number;
  exited: number;
  /** Members at the end of the run: realized + existing. */
  total: number;
}

export type RunStatus = "queued" | "running" | "completed" | "failed";

export interface RunDoc {
  _id: string;
  status: RunStatus;
  /** Segments whose memberships the run writes. */
  segmentIds: string[];
  /** Definitions as they were when the run was created (requested segments and what they read). */
  segments: { id: string; definition: string }[];
  /** The instant every segment is evaluated at. */
  now: Date;
  shardsTotal: number;
  /**
   * Profiles in the store when the run was created: what progress and the ETA are measured
   * against. Profiles added or removed during the run make it approximate. Absent on runs
   * created before it existed.
   */
  profilesTotal?: number | null;
  /** Totals per segment, folded from the run's shard documents when the run completes. */
  counts: Record<string, SegmentCounts> | null;
  /** Profiles evaluated, set when the run completes. */
  profiles: number | null;
  idempotencyKey: string | null;
  error: string | null;
  /**
   * Profiles a segment could not be evaluated on (the evaluation threw), set when the run
   * completes: the first few (RUN_ERRORS_KEPT), and how many in all. Absent on older runs.
   */
  evaluationErrors?: ProfileEvaluationError[];
  evaluationErrorCount?: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * One shard of a run, in progress or finished. A document of its own (not a field of the run) so
 * that shards reporting at once never write the same document: FerretDB rewrites whole
 * documents without transactions, and concurrent updates of one run document lost shards there.
 */
export interface RunShardDoc {
  /** `<runId>/<shard index>`: a retried shard reports into (and finishes) its own document. */
  _id: string;
  runId: string;
  index: number;
  /** Per segment, once the shard is finished; null while it runs. */
  counts: Record<string, SegmentCounts> | null;
  /** Profiles evaluated so far by the current attempt; all of the shard's once finished. */
  profiles: number;
  /**
   * The attempt reporting progress: a new attempt (a retry, or another worker taking over a
   * stalled shard) restarts the count from 0, and reports of the attempt it replaced are ignored.
   * Null once finished.
   */
  attempt?: string | null;
  updatedAt?: Date;
  /** Null while the shard runs. */
  finishedAt: Date | null;
  /** Once finished: the first profiles a segment could not be evaluated on, and how many in all. */
  evaluationErrors?: ProfileEvaluationError[];
  evaluationErrorCount?: number;
}

/**
 * A segment whose evaluation threw on a profile: the run goes on without that membership (left as
 * it was, not counted) and says so.
 */
export interface ProfileEvaluationError {
  segmentId: string;
  profileId: string;
  /** The error's class and message, e.g. "RangeError: Maximum call stack size exceeded". */
  message: string;
}

/**
 * Where a model is: `untrained` (never trained), `training`, `scoring` (a good version is being
 * written to the profiles), `ready` (its active version's scores are on the profiles), `poor`
 * (the last version's AUC was below the threshold: stored, not written), `failed` (the last
 * training failed, e.g. its data checks; `error` says why).
 */
export type ModelStatus = "untrained" | "training" | "scoring" | "ready" | "poor" | "failed";

/**
 * What only propensity knows the shape of (a model's spec, a version's artefact and metrics) is a
 * type parameter here: the store may not import propensity (ARCHITECTURE.md), so packages/training
 * instantiates these with propensity's types (`PropensityModel`, `PropensityVersion`). The defaults
 * are what the store itself can say: some document.
 */
export type ModelPart = Document;

export interface ModelDoc<Spec extends ModelPart = ModelPart> {
  _id: string;
  name: string;
  /** The model instance as validated by the API (propensity's `ModelSpec`, defaults applied). */
  spec: Spec;
  status: ModelStatus;
  /** The version whose scores are on the profiles; null until one finished scoring. */
  activeVersion: number | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * `trained`: complete, waiting to be scored; `poor`: complete, below the AUC threshold, never
 * scored; `scoring`: being written to the profiles; `active`: its scores are the ones in use;
 * `superseded`: an older active version.
 */
export type ModelVersionStatus = "trained" | "poor" | "scoring" | "active" | "superseded";

export interface ModelVersionDoc<
  Artefact extends ModelPart = ModelPart,
  Metrics extends ModelPart = ModelPart,
> {
  /** `<model id>/v<version>`. */
  _id: string;
  modelId: string;
  version: number;
  status: ModelVersionStatus;
  /** The fitted model (propensity's `ModelArtefact`), written whole or not at all. */
  artefact: Artefact;
  /** Propensity's `ModelMetrics`. */
  metrics: Metrics;
  /** The `now` the model was trained at (labels up to it). */
  trainedFor: Date;
  trainedAt: Date;
  /** The scoring pass that writes (or wrote) this version's scores. */
  scoring: { id: string; now: Date; shardsTotal: number; startedAt: Date; finishedAt: Date | null } | null;
  /** Predicted versus actual per score band, once the window has passed since scoring. */
  outcomes?: ModelOutcomes | null;
}

export interface ModelOutcomes {
  checkedAt: Date;
  /** Scored profiles whose window had not passed yet at `checkedAt`. */
  pendingProfiles: number;
  /** Per score band (stored as `byBucket`). */
  byBucket: Record<
    "low" | "medium" | "high",
    { profiles: number; predictedRate: number | null; actualRate: number | null }
  >;
}

export interface ScoreShardDoc {
  /** `<scoring id>/<shard index>`: a retried shard replaces its own document. */
  _id: string;
  scoringId: string;
  index: number;
  scored: number;
  written: number;
  finishedAt: Date;
}

/** What the trainer writes at `scores.<model id>` on a profile. */
export interface ScoreEntry {
  probability: number;
  score: number;
  percentile: number;
  /**
   * The score band, not a shard bucket: the score entry's contract names it `bucket` (as Adobe
   * Customer AI does), and the band's other stored and JSON names follow (`buckets` thresholds,
   * `bucketCounts`, `topFactorsByBucket`, `byBucket`). Code calls it a band; a profile's `bucket`
   * is its shard hash (ARCHITECTURE.md, "Conventions").
   */
  bucket: "low" | "medium" | "high";
  factors: { feature: string; value: number | null; impact: number }[];
  modelVersion: number;
  scoredAt: Date;
}
