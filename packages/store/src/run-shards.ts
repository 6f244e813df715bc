/**
 * A run's shards, one `run_shards` document each (never a field of the run: see RunShardDoc).
 * A shard attempt first claims its document (`beginShard`), reports the profiles it has
 * evaluated as it goes (`reportShardProgress`), and replaces the document with its counts when
 * it finishes (`recordShard`). A retried shard restarts from its own document, so it is counted
 * once; a finished shard is never reopened by a late report.
 */
import { MongoServerError } from "mongodb";
import type { ProfileEvaluationError, RunDoc, RunShardDoc, SegmentCounts } from "./documents.js";
import { emptyCounts } from "./memberships.js";
import { ONE_BATCH } from "./one-batch.js";
import type { Store } from "./store.js";

const shardId = (runId: string, index: number) => `${runId}/${index}`;

/**
 * Writes `update` into the shard's document unless the shard is finished (or, with `attempt`,
 * unless another attempt has claimed it since). The filter's upsert inserts the document when
 * it is missing; when it exists but does not match, the insert collides on `_id` and nothing
 * changes, which is the point.
 */
async function updateUnfinished(
  store: Store,
  filter: { _id: string; attempt?: string },
  update: Partial<RunShardDoc>,
): Promise<boolean> {
  try {
    const result = await store.runShards.updateOne(
      { ...filter, finishedAt: null },
      { $set: update },
      { upsert: true },
    );
    return result.matchedCount + result.upsertedCount > 0;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 11000) return false;
    throw error;
  }
}

/**
 * Claims the shard for `attempt` with 0 profiles done. Returns false when the shard is already
 * finished (a retry after the shard recorded its counts): the attempt may run again, but its
 * progress reports change nothing.
 */
export function beginShard(
  store: Store,
  runId: string,
  index: number,
  attempt: string,
  at = new Date(),
): Promise<boolean> {
  return updateUnfinished(
    store,
    { _id: shardId(runId, index) },
    { runId, index, counts: null, profiles: 0, attempt, updatedAt: at },
  );
}

/** Profiles evaluated so far by `attempt`; ignored once another attempt claimed the shard or it finished. */
export function reportShardProgress(
  store: Store,
  runId: string,
  index: number,
  attempt: string,
  profiles: number,
  at = new Date(),
): Promise<boolean> {
  return updateUnfinished(
    store,
    { _id: shardId(runId, index), attempt },
    { runId, index, profiles, updatedAt: at },
  );
}

/**
 * True while `attempt` is the shard's current attempt and the shard is unfinished. A shard
 * attempt asks before each write: one whose job was taken over (its worker paused past the lock)
 * finds another attempt here and stops (ARCHITECTURE.md, "A batch run": fencing).
 */
export async function shardAttemptCurrent(
  store: Store,
  runId: string,
  index: number,
  attempt: string,
): Promise<boolean> {
  const doc = await store.runShards.findOne(
    { _id: shardId(runId, index), attempt, finishedAt: null },
    { projection: { _id: 1 } },
  );
  return doc !== null;
}

/** The first evaluation errors a shard or a run keeps (the count says how many there were). */
export const RUN_ERRORS_KEPT = 20;

/** What a shard attempt found, written when it finishes. */
export interface ShardOutcome {
  counts: Record<string, SegmentCounts>;
  profiles: number;
  evaluationErrors: ProfileEvaluationError[];
  evaluationErrorCount: number;
}

/**
 * Finishes the shard with `attempt`'s outcome, only while that attempt is still the current one
 * and the shard unfinished: a replaced attempt finishing late changes nothing. Returns whether
 * it was written.
 */
export async function finishShardAttempt(
  store: Store,
  runId: string,
  index: number,
  attempt: string,
  outcome: ShardOutcome,
  at = new Date(),
): Promise<boolean> {
  const result = await store.runShards.updateOne(
    { _id: shardId(runId, index), attempt, finishedAt: null },
    {
      $set: {
        counts: outcome.counts,
        profiles: outcome.profiles,
        evaluationErrors: outcome.evaluationErrors.slice(0, RUN_ERRORS_KEPT),
        evaluationErrorCount: outcome.evaluationErrorCount,
        attempt: null,
        updatedAt: at,
        finishedAt: at,
      },
    },
  );
  return result.matchedCount > 0;
}

/** A finished shard's document (a retry that finds its shard done reports it), or null. */
export function finishedShard(store: Store, runId: string, index: number): Promise<RunShardDoc | null> {
  return store.runShards.findOne({ _id: shardId(runId, index), finishedAt: { $ne: null } });
}

/** The shard's final counts: replaces its document, so a shard finished twice counts once. */
export async function recordShard(
  store: Store,
  runId: string,
  index: number,
  counts: Record<string, SegmentCounts>,
  profiles: number,
  at = new Date(),
): Promise<void> {
  const doc: RunShardDoc = {
    _id: shardId(runId, index),
    runId,
    index,
    counts,
    profiles,
    attempt: null,
    updatedAt: at,
    finishedAt: at,
  };
  await store.runShards.replaceOne({ _id: doc._id }, doc, { upsert: true });
}

export interface RunProgress {
  /** Finished shards. */
  shardsDone: number;
  shardsTotal: number;
  /** Profiles evaluated: every finished shard's, plus what running shards have reported. */
  profilesDone: number;
  /** Sums over the finished shards, for every segment of the run. */
  counts: Record<string, SegmentCounts>;
  /** The finished shards' first evaluation errors (RUN_ERRORS_KEPT at most), by shard. */
  evaluationErrors: ProfileEvaluationError[];
  /** How many segment evaluations threw in the finished shards. */
  evaluationErrorCount: number;
}

/** Progress of a run so far, from its shard documents. */
export async function runProgress(
  store: Store,
  run: Pick<RunDoc, "_id" | "segmentIds" | "shardsTotal">,
): Promise<RunProgress> {
  // Sorted by its index: the local FerretDB can return a document twice from an unsorted cursor of
  // several batches over documents updated since (ARCHITECTURE.md, "MongoDB and the local server").
  const shards = await store.runShards.find({ runId: run._id }, ONE_BATCH).sort({ index: 1 }).toArray();
  const counts: Record<string, SegmentCounts> = Object.fromEntries(
    run.segmentIds.map((s) => [s, emptyCounts()]),
  );
  let shardsDone = 0;
  let profilesDone = 0;
  const evaluationErrors: ProfileEvaluationError[] = [];
  let evaluationErrorCount = 0;
  for (const shard of shards) {
    profilesDone += shard.profiles;
    if (!shard.finishedAt || !shard.counts) continue;
    shardsDone++;
    evaluationErrorCount += shard.evaluationErrorCount ?? 0;
    for (const e of shard.evaluationErrors ?? []) {
      if (evaluationErrors.length < RUN_ERRORS_KEPT) evaluationErrors.push(e);
    }
    for (const [seg, c] of Object.entries(shard.counts)) {
      counts[seg] ??= emptyCounts();
      const total = counts[seg];
      total.realized += c.realized;
      total.existing += c.existing;
      total.exited += c.exited;
      total.total += c.total;
    }
  }
  return {
    shardsDone,
    shardsTotal: run.shardsTotal,
    profilesDone,
    counts,
    evaluationErrors,
    evaluationErrorCount,
  };
}
