/**
 * Evaluation runs: one document per run; each shard reports into its own `run_shards` document
 * (run-shards.ts), and progress and totals are folded from those.
 */
import { createHash, randomUUID } from "node:crypto";
import { MongoServerError } from "mongodb";
import type { RunDoc } from "./documents.js";
import { runProgress } from "./run-shards.js";
import type { Store } from "./store.js";

export interface RunInput {
  segmentIds: string[];
  segments: { id: string; definition: string }[];
  now: Date;
  shardsTotal: number;
  /** Profiles the run will read, as counted now (RunDoc.profilesTotal). */
  profilesTotal?: number | null;
  /** Same key, same run: the id is derived from it, so the database itself rejects a second. */
  idempotencyKey?: string | null;
}

export function runIdFor(idempotencyKey?: string | null): string {
  if (!idempotencyKey) return `run-${randomUUID()}`;
  return `run-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}

/** Creates the run, or returns the existing one for the same idempotency key. */
export async function createRun(
  store: Store,
  input: RunInput,
  at = new Date(),
): Promise<{ run: RunDoc; created: boolean }> {
  const run: RunDoc = {
    _id: runIdFor(input.idempotencyKey),
    status: "queued",
    segmentIds: input.segmentIds,
    segments: input.segments,
    now: input.now,
    shardsTotal: input.shardsTotal,
    profilesTotal: input.profilesTotal ?? null,
    counts: null,
    profiles: null,
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
  return store.runs.find({}, { batchSize: limit }).sort({ createdAt: -1 }).limit(limit).toArray();
}

export async function markRunRunning(store: Store, id: string, at = new Date()): Promise<void> {
  await store.runs.updateOne({ _id: id, status: "queued" }, { $set: { status: "running", startedAt: at } });
}

/** Folds the shard documents into the run and marks it completed. */
export async function completeRun(store: Store, id: string, at = new Date()): Promise<RunDoc | null> {
  const run = await getRun(store, id);
  if (!run) return null;
  const { counts, profilesDone, evaluationErrors, evaluationErrorCount } = await runProgress(store, run);
  const done = {
    status: "completed" as const,
    counts,
    profiles: profilesDone,
    evaluationErrors,
    evaluationErrorCount,
    finishedAt: at,
  };
  await store.runs.updateOne({ _id: id }, { $set: done });
  return { ...run, ...done };
}

export async function failRun(store: Store, id: string, message: string, at = new Date()): Promise<void> {
  await store.runs.updateOne(
    { _id: id, status: { $in: ["queued", "running"] } },
    { $set: { status: "failed", error: message, finishedAt: at } },
  );
}
