/**
 * The streaming evaluation of profiles (ARCHITECTURE.md, "Streaming evaluation"): each profile's
 * streaming segments (and those reading them) at `now`, written with the batch run's rules
 * (membershipTransition: realized / existing / exited, `lastQualificationTime`), marked
 * `source: "streaming"` under the evaluation id `stream-<now in ms>`.
 *
 * Like a shard, an evaluation records its realized and exited transitions first and then writes
 * the memberships, so a crash in between is repaired by the retry: given the same `now` it
 * derives the same changes under the same ids (ignored as duplicates) and writes the memberships.
 *
 * A worker runs many evaluations at once, each a job of its own. Their reads and their writes are
 * batched with DataLoader: while one batch is at the database, the requests that arrive form the
 * next, so a busy worker makes a few large round trips instead of many small ones, and an idle
 * one waits for nothing.
 */
import type { Profile } from "@segflow/segment-language";
import {
  changeDocs,
  type LoadedProfile,
  loadProfiles,
  type MembershipChangeDoc,
  MembershipConflictError,
  type MembershipEntry,
  membershipTransition,
  type ProfileMembershipWrite,
  recordMembershipChanges,
  type Store,
  writeProfileMemberships,
} from "@segflow/store";
import DataLoader from "dataloader";
import type { StreamingSet } from "./streaming-set.js";

export interface ProfileEvaluation {
  /** False when no such profile is stored (its events were all refused, or it was deleted). */
  found: boolean;
  /** The realized and exited transitions this evaluation made (recorded in membership_changes). */
  changes: MembershipChangeDoc[];
  /** Segments whose entry was written (transitions, and realized → existing). */
  written: string[];
  /**
   * The earliest instant after `now` at which one of these memberships may change with time
   * alone (a window closing, a `daysSince` bound crossed, a future-dated event starting to
   * count), or undefined when none can. Evaluating again then may change nothing.
   */
  nextChangeAt: Date | undefined;
}

export interface ProfileEvaluationOptions {
  /**
   * Awaited before anything is written, when something will be: the caller makes `now` durable
   * here (the job's payload), so that a retry evaluates at the same instant.
   */
  beforeWrite?: () => Promise<unknown>;
}

export interface StreamingEvaluatorOptions {
  /** Profiles read, or profiles written, in one round trip at most. @defaultValue 200 */
  maxBatch?: number;
}

/** The evaluation id written on the entries and changes of a streaming evaluation at `now`. */
export const streamingEvaluationId = (now: Date) => `stream-${now.getTime()}`;

interface PendingWrite extends ProfileMembershipWrite {
  changes: MembershipChangeDoc[];
}

/**
 * Dispatches a batch once the previous one is back: requests made meanwhile join it. With nothing
 * at the database, the batch goes after the current macrotask, with whatever else asked by then.
 */
function oneBatchAtATime() {
  let previous: Promise<unknown> = Promise.resolve();
  return {
    schedule: (dispatch: () => void) => {
      void previous.then(() => setImmediate(dispatch));
    },
    track: <T>(batch: Promise<T>): Promise<T> => {
      previous = batch.catch(() => undefined);
      return batch;
    },
  };
}

export class StreamingEvaluator {
  private readonly profiles: DataLoader<string, LoadedProfile | null>;
  private readonly writes: DataLoader<PendingWrite, undefined>;

  constructor(
    private readonly store: Store,
    options: StreamingEvaluatorOptions = {},
  ) {
    const maxBatchSize = options.maxBatch ?? 200;
    const reads = oneBatchAtATime();
    this.profiles = new DataLoader(
      (ids) =>
        reads.track(loadProfiles(this.store, ids).then((found) => ids.map((id) => found.get(id) ?? null))),
      // Never cached: every evaluation must read what is stored now.
      { cache: false, maxBatchSize, batchScheduleFn: reads.schedule },
    );
    const writes = oneBatchAtATime();
    this.writes = new DataLoader((batch) => writes.track(this.write(batch)), {
      cache: false,
      maxBatchSize,
      batchScheduleFn: writes.schedule,
    });
  }

  /** Evaluates one profile at `now` and writes what changed. */
  async evaluate(
    set: StreamingSet,
    profileId: string,
    now: Date,
    options: ProfileEvaluationOptions = {},
  ): Promise<ProfileEvaluation> {
    if (set.targets.length === 0) return { found: true, changes: [], written: [], nextChangeAt: undefined };
    const loaded = await this.profiles.load(profileId);
    if (!loaded) return { found: false, changes: [], written: [], nextChangeAt: undefined };
    const { entries, previous } = transitions(set, loaded, now);
    const written = Object.keys(entries);
    let changes: MembershipChangeDoc[] = [];
    if (written.length > 0) {
      await options.beforeWrite?.();
      changes = changeDocs([{ profileId, entries }], now, "streaming");
      await this.writes.load({ profileId, entries, previous, changes });
    }
    return { found: true, changes, written, nextChangeAt: nextChange(set, loaded.profile, now) };
  }

  /** History first, then the memberships (see the top of this file); a conflict fails its own write only. */
  private async write(batch: readonly PendingWrite[]): Promise<(undefined | Error)[]> {
    await recordMembershipChanges(
      this.store,
      batch.flatMap((w) => w.changes),
    );
    const conflicted = await writeProfileMemberships(this.store, batch);
    return batch.map((w) =>
      conflicted.has(w.profileId)
        ? new MembershipConflictError(
            `memberships of profile ${JSON.stringify(w.profileId)} changed during its evaluation (${Object.keys(w.entries).join(", ")})`,
          )
        : undefined,
    );
  }
}

function transitions(set: StreamingSet, { doc, profile }: LoadedProfile, now: Date) {
  const results = set.compiled.evaluate(profile, now.getTime());
  const evaluationId = streamingEvaluationId(now);
  const entries: Record<string, MembershipEntry> = {};
  const previous: Record<string, MembershipEntry | undefined> = {};
  for (const id of set.targets) {
    const before = doc.segmentMembership?.[id];
    const t = membershipTransition(
      before,
      results[set.compiled.ids.indexOf(id)]!,
      evaluationId,
      now,
      "streaming",
    );
    if (t.write) {
      entries[id] = t.write;
      previous[id] = before;
    }
  }
  return { entries, previous };
}

function nextChange(set: StreamingSet, profile: Profile, now: Date): Date | undefined {
  const next = set.nextChange(profile, now.getTime());
  return next === undefined ? undefined : new Date(next);
}

/** One profile on its own (tests, tools): the same evaluation with no batching partner. */
export function evaluateProfile(
  store: Store,
  set: StreamingSet,
  profileId: string,
  now: Date,
  options: ProfileEvaluationOptions = {},
): Promise<ProfileEvaluation> {
  return new StreamingEvaluator(store).evaluate(set, profileId, now, options);
}
