/**
 * Evaluates one shard of a run: streams the bucket range, evaluates every segment of the run
 * on each profile in one pass, and writes only the memberships that changed, in batches as it
 * goes, each batch's realized and exited transitions recorded into `membership_changes` just
 * after the memberships they describe.
 *
 * - Each profile's write is conditional on the entries the shard read (as the streaming
 *   evaluation's are): a profile changed in between by another writer (a streaming evaluation, a
 *   later run, another attempt of this shard) is not overwritten; it is read and evaluated again.
 * - Before each write the caller may refuse (`beforeWrite`): runShard does when the shard was
 *   taken over by another attempt, so a worker that lost its lock writes nothing late.
 * - Safe to run again after a crash: entries already written by this run are recognised and
 *   kept, and their changes recorded again under the same ids (ignored when already there), so
 *   a crash between a batch's memberships and its history loses nothing.
 * - A segment that throws on a profile leaves that membership as it was, uncounted, and is
 *   reported (`evaluationErrors`); the shard goes on.
 */
import { type CompiledSegments, compileSegments, type Profile } from "@segflow/segment-language";
import {
  addCount,
  changeDocs,
  emptyCounts,
  loadProfiles,
  MembershipConflictError,
  type MembershipEntry,
  type MembershipStatus,
  membershipTransition,
  type ProfileDoc,
  type ProfileEvaluationError,
  type ProfileMembershipWrite,
  RUN_ERRORS_KEPT,
  type RunDoc,
  readShard,
  recordMembershipChanges,
  type SegmentCounts,
  type ShardRange,
  type Store,
  writeProfileMemberships,
} from "@segflow/store";
import { guardedEvaluator } from "./guarded-evaluation.js";
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
  /** The first segment evaluations that threw on a profile (RUN_ERRORS_KEPT at most). */
  evaluationErrors: ProfileEvaluationError[];
  /** How many segment evaluations threw on a profile in all. */
  evaluationErrorCount: number;
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
  /**
   * Awaited before each membership write; throws when this evaluation may no longer write
   * (runShard: the shard was taken over by another attempt). The throw fails the shard before
   * anything of that batch is written.
   */
  beforeWrite?: () => Promise<void>;
}

/** Rounds of reading again the profiles another writer changed under a batch before giving up. */
const CONFLICT_ROUNDS = 5;

/** One profile's part of a write batch. */
interface Pending extends ProfileMembershipWrite {
  /** What the run counted for it, by segment (taken back when it is evaluated again). */
  counted: Record<string, MembershipStatus | null>;
  /** Entries this run wrote before (an earlier attempt): their changes are recorded again. */
  again: Record<string, MembershipEntry>;
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
  const evaluate = guardedEvaluator(run, options.compiled ?? compileRun(run));
  const progressDue = progressGate(options.progress);
  const nowMs = run.now.getTime();
  const counts = Object.fromEntries(run.segmentIds.map((id) => [id, emptyCounts()]));
  const writeBatch = options.writeBatch ?? 1000;
  const evaluationErrors: ProfileEvaluationError[] = [];
  let evaluationErrorCount = 0;
  let changes: Pending[] = [];
  let profiles = 0;
  let written = 0;
  let recorded = 0;

  /** The profile's transitions, counted; undefined when there is nothing to write or record. */
  const derive = (doc: ProfileDoc, profile: Profile, report: boolean): Pending | undefined => {
    const { qualifies, failed } = evaluate(profile, nowMs);
    if (report) {
      evaluationErrorCount += failed.length;
      for (const f of failed) {
        if (evaluationErrors.length < RUN_ERRORS_KEPT) evaluationErrors.push({ ...f, profileId: doc._id });
      }
    }
    const entries: Record<string, MembershipEntry> = {};
    const previous: Record<string, MembershipEntry | undefined> = {};
    const counted: Record<string, MembershipStatus | null> = {};
    const again: Record<string, MembershipEntry> = {};
    let due = false;
    for (const [id, holds] of qualifies) {
      const before = doc.segmentMembership?.[id];
      const t = membershipTransition(before, holds, run._id, run.now);
      addCount(counts[id]!, t.counted);
      counted[id] = t.counted;
      if (t.write) {
        entries[id] = t.write;
        previous[id] = before;
        due = true;
      } else if (before?.runId === run._id && before.status !== "existing") {
        again[id] = before;
        due = true;
      }
    }
    return due ? { profileId: doc._id, entries, previous, counted, again } : undefined;
  };

  const uncount = (pending: Pending) => {
    for (const [id, status] of Object.entries(pending.counted)) {
      if (status === null) continue;
      counts[id]![status]--;
      if (status !== "exited") counts[id]!.total--;
    }
  };

  /** Writes a batch (profiles whose entries changed meanwhile read and derived again); how many were written. */
  const writeAll = async (batch: Pending[]): Promise<number> => {
    let due = batch;
    let count = 0;
    for (let round = 1; ; round++) {
      await options.beforeWrite?.();
      const conflicted = await writeProfileMemberships(store, due);
      const done = due.filter((p) => !conflicted.has(p.profileId));
      count += done.filter((p) => Object.keys(p.entries).length > 0).length;
      // History after the memberships it describes: a write refused above records nothing, and a
      // crash in between is made good by the retry, which records its own entries' changes again.
      const history = changeDocs(
        done.map((p) => ({ profileId: p.profileId, entries: { ...p.again, ...p.entries } })),
        run.now,
      );
      recorded += history.length;
      await recordMembershipChanges(store, history);
      if (conflicted.size === 0) return count;
      if (round === CONFLICT_ROUNDS) {
        throw new MembershipConflictError(
          `${conflicted.size} profiles of run ${run._id} kept changing under the shard (${CONFLICT_ROUNDS} reads)`,
        );
      }
      const again = due.filter((p) => conflicted.has(p.profileId));
      const loaded = await loadProfiles(
        store,
        again.map((p) => p.profileId),
      );
      due = [];
      for (const p of again) {
        uncount(p);
        const now = loaded.get(p.profileId);
        const next = now && derive(now.doc, now.profile, false);
        if (next) due.push(next);
      }
    }
  };

  // One write in flight while the next batch is read and evaluated: the database writes while
  // this process reads, instead of each waiting for the other.
  let inFlight: Promise<number> = Promise.resolve(0);
  const write = async (batch: Pending[]) => {
    written += await inFlight;
    inFlight = writeAll(batch);
    // A failed write fails the shard at the next await, never unobserved.
    inFlight.catch(() => undefined);
  };

  for await (const { doc, profile } of readShard(store, range)) {
    const pending = derive(doc, profile, true);
    if (pending) changes.push(pending);
    const hook = options.onProfile?.(profile, doc._id);
    if (hook) await hook;
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
  return { counts, profiles, written, changes: recorded, evaluationErrors, evaluationErrorCount };
}
