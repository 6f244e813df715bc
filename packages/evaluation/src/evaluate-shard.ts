/**
 * Evaluates one shard of a run: streams the bucket range, evaluates every segment of the run
 * on each profile in one pass, and bulk-writes only the memberships that changed, in batches as
 * it goes, each batch's realized and exited transitions recorded into `membership_changes` just
 * before its memberships. Safe to run again after a crash: entries already written by this run
 * are recognised and kept, and changes recorded before a crash are recorded under the same ids.
 */
import { type CompiledSegments, compileSegments, type Profile } from "@segflow/segment-language";
import {
  addCount,
  changeDocs,
  emptyCounts,
  type MembershipChange,
  type MembershipEntry,
  membershipTransition,
  type RunDoc,
  readShard,
  recordMembershipChanges,
  type SegmentCounts,
  type ShardRange,
  type Store,
  writeMemberships,
} from "@segflow/store";
import { type ProgressGateOptions, progressGate } from "./progress-gate.js";

export interface ShardResult {
  counts: Record<string, SegmentCounts>;
  profiles: number;
  written: number;
  /**
   * Realized and exited transitions recorded into `membership_changes` (an earlier attempt may
   * have recorded some already): what the membership feed has to publish.
   */
  changes: number;
}

export interface ShardOptions {
  /**
   * Called with the profiles evaluated so far: every `progress.every` profiles or every
   * `progress.intervalMs`, whichever comes later, and once more when the shard is written.
   */
  onProgress?: (profiles: number) => void | Promise<void>;
  /** How often `onProgress` is called (progress-gate.ts; 500 profiles, 1 s by default). */
  progress?: ProgressGateOptions;
  /** A compiled set for the run's segments, when the caller caches one. */
  compiled?: CompiledSegments;
  /**
   * Changed profiles per membership write. Written as the shard streams, so memory stays bounded
   * whatever the shard's size, and each write stays under the 25,000 operations a command the
   * local FerretDB accepts (ARCHITECTURE.md, "MongoDB and the local server").
   * @defaultValue 1000
   */
  writeBatch?: number;
  /**
   * Called with each evaluated profile (the language's view of it, and its id) once its
   * memberships are derived, for work beside the run's that needs the profile read anyway (the
   * worker schedules streaming wake-ups from it). A returned promise is awaited before the next
   * profile is read, so keep it rare (a flush every so many profiles).
   */
  onProfile?: (profile: Profile, profileId: string) => void | Promise<void>;
}

export function compileRun(run: Pick<RunDoc, "segments">): CompiledSegments {
  return compileSegments(run.segments);
}

export async function evaluateShard(
  store: Store,
  run: RunDoc,
  range: Pick<ShardRange, "bucketFrom" | "bucketTo">,
  options: ShardOptions = {},
): Promise<ShardResult> {
  const compiled = options.compiled ?? compileRun(run);
  const progressDue = progressGate(options.progress);
  const nowMs = run.now.getTime();
  // Positions of the run's written segments within the compiled set.
  const targets = run.segmentIds.map((id) => ({ id, at: compiled.ids.indexOf(id) }));
  const counts = Object.fromEntries(run.segmentIds.map((id) => [id, emptyCounts()]));
  const writeBatch = options.writeBatch ?? 1000;
  let changes: MembershipChange[] = [];
  let profiles = 0;
  let written = 0;
  let recorded = 0;
  // One write in flight while the next batch is read and evaluated: the database writes while
  // this process reads, instead of each waiting for the other.
  let inFlight: Promise<number> = Promise.resolve(0);
  const write = async (batch: MembershipChange[]) => {
    written += await inFlight;
    // History first: a crash between the two writes leaves the memberships unwritten, so the
    // retried shard derives the same changes again (same ids, ignored). The other way round, a
    // retry would find its memberships written and record nothing: the change would be lost.
    const history = changeDocs(batch, run.now);
    recorded += history.length;
    inFlight = recordMembershipChanges(store, history).then(() => writeMemberships(store, batch));
    // A failed write fails the shard at the next await, never unobserved.
    inFlight.catch(() => undefined);
  };

  for await (const { doc, profile } of readShard(store, range)) {
    const results = compiled.evaluate(profile, nowMs);
    let entries: Record<string, MembershipEntry> | undefined;
    for (const { id, at } of targets) {
      const t = membershipTransition(doc.segmentMembership?.[id], results[at]!, run._id, run.now);
      addCount(counts[id]!, t.counted);
      if (t.write) {
        entries ??= {};
        entries[id] = t.write;
      }
    }
    if (entries) changes.push({ profileId: doc._id, entries });
    const pending = options.onProfile?.(profile, doc._id);
    if (pending) await pending;
    profiles++;
    // Updating profiles behind the open cursor is safe: a membership is no part of the
    // (bucket, _id) order the cursor walks, so no profile is met twice.
    if (changes.length >= writeBatch) {
      await write(changes);
      changes = [];
    }
    if (options.onProgress && progressDue(profiles)) await options.onProgress(profiles);
  }
  await write(changes);
  written += await inFlight;
  await options.onProgress?.(profiles);
  return { counts, profiles, written, changes: recorded };
}
