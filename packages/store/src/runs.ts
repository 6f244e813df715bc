/**
 * Evaluation runs: one document per run. Shards report with `$set` on their own key, so a
 * shard finished twice (a retry after a crash) is counted once; the run's totals are the sum
 * of the shard entries, folded when every shard is done.
 */
import { createHash, randomUUID } from "node:crypto";
import { MongoServerError } from "mongodb";
import type { RunDoc, SegmentCounts } from "./documents.js";
import { emptyCounts } from "./memberships.js";
import type { Store } from "./store.js";

export interface RunInput {
  segmentIds: string[];
  segments: { id: string; definition: string }[];
  now: Date;
  shardsTotal: number;
  /** Same key, same run: the id is derived from it, so the database itself rejects a second. */
  idempotencyKey?: string | null;
}

export function runIdFor(idempotencyKey?: string | null): string {
  if (!idempotencyKey) return `run-${randomUUID()}`;
  return `run-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}

/** Creates the run, or returns the existing one for the same idempotency key. */
export async function createRun(store: Store, input: RunInput, at = new Date()): Promise<{ run: RunDoc; created: boolean }> {
  const run: RunDoc = {
    _id: runIdFor(input.idempotencyKey),
    status: "queued",
    segmentIds: input.segmentIds,
    segments: input.segments,
    now: input.now,
    shardsTotal: input.shardsTotal,
    shardCounts: {},
    shardProfiles: {},
    counts: null,
    idempotencyKey: input.idempotencyKey ?? null,
    error: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
  };
  try {
    await store.runs.insertOne(run);
    return { run, created: true };
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    const existing = await getRun(store, run._id);
    if (!existing) throw error;
    return { run: existing, created: false };
  }
}

export function getRun(store: Store, id: string): Promise<RunDoc | null> {
  return store.runs.findOne({ _id: id });
}

export function listRuns(store: Store, limit = 50): Promise<RunDoc[]> {
  return store.runs.find({}).sort({ createdAt: -1 }).limit(limit).toArray();
}

export async function markRunRunning(store: Store, id: string, at = new Date()): Promise<void> {
  await store.runs.updateOne({ _id: id, status: "queued" }, { $set: { status: "running", startedAt: at } });
}

export async function recordShard(
  store: Store,
  id: string,
  index: number,
  counts: Record<string, SegmentCounts>,
  profiles: number,
): Promise<void> {
  await store.runs.updateOne(
    { _id: id },
    { $set: { [`shardCounts.${index}`]: counts, [`shardProfiles.${index}`]: profiles } },
  );
}

/** Sums the shard counts into the run and marks it completed. */
export async function completeRun(store: Store, id: string, at = new Date()): Promise<RunDoc | null> {
  const run = await getRun(store, id);
  if (!run) return null;
  const counts: Record<string, SegmentCounts> = Object.fromEntries(run.segmentIds.map((s) => [s, emptyCounts()]));
  for (const shard of Object.values(run.shardCounts)) {
    for (const [seg, c] of Object.entries(shard)) {
      const total = (counts[seg] ??= emptyCounts());
      total.realized += c.realized;
      total.existing += c.existing;
      total.exited += c.exited;
      total.total += c.total;
    }
  }
  await store.runs.updateOne({ _id: id }, { $set: { status: "completed", counts, finishedAt: at } });
  return { ...run, status: "completed", counts, finishedAt: at };
}

export async function failRun(store: Store, id: string, message: string, at = new Date()): Promise<void> {
  await store.runs.updateOne(
    { _id: id, status: { $in: ["queued", "running"] } },
    { $set: { status: "failed", error: message, finishedAt: at } },
  );
}
