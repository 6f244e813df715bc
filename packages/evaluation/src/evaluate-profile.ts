/**
 * The streaming evaluation of one profile (ARCHITECTURE.md, "Streaming evaluation"): its
 * streaming segments (and those reading them) at `now`, written with the batch run's rules
 * (membershipTransition: realized / existing / exited, `lastQualificationTime`), marked
 * `source: "streaming"` under the evaluation id `stream-<now in ms>`.
 *
 * Like a shard, it records the realized and exited transitions first and then writes the
 * memberships, so a crash in between is repaired by the retry: given the same `now` it derives
 * the same changes under the same ids (ignored as duplicates) and writes the memberships.
 */
import {
  changeDocs,
  loadProfile,
  type MembershipChangeDoc,
  type MembershipEntry,
  membershipTransition,
  recordMembershipChanges,
  type Store,
  writeProfileMemberships,
} from "@segflow/store";
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

/** The evaluation id written on the entries and changes of a streaming evaluation at `now`. */
export const streamingEvaluationId = (now: Date) => `stream-${now.getTime()}`;

export async function evaluateProfile(
  store: Store,
  set: StreamingSet,
  profileId: string,
  now: Date,
  options: ProfileEvaluationOptions = {},
): Promise<ProfileEvaluation> {
  const loaded = await loadProfile(store, profileId);
  if (!loaded || set.targets.length === 0) {
    return { found: loaded !== null, changes: [], written: [], nextChangeAt: undefined };
  }
  const { doc, profile } = loaded;
  const nowMs = now.getTime();
  const results = set.compiled.evaluate(profile, nowMs);
  const evaluationId = streamingEvaluationId(now);
  const entries: Record<string, MembershipEntry> = {};
  const previous: Record<string, MembershipEntry | undefined> = {};
  for (const id of set.targets) {
    const before = doc.segmentMembership?.[id];
    const at = set.compiled.ids.indexOf(id);
    const t = membershipTransition(before, results[at]!, evaluationId, now, "streaming");
    if (t.write) {
      entries[id] = t.write;
      previous[id] = before;
    }
  }
  const written = Object.keys(entries);
  let changes: MembershipChangeDoc[] = [];
  if (written.length > 0) {
    await options.beforeWrite?.();
    changes = changeDocs([{ profileId, entries }], now, "streaming");
    await recordMembershipChanges(store, changes);
    await writeProfileMemberships(store, profileId, entries, previous);
  }
  const next = set.nextChange(profile, nowMs);
  return { found: true, changes, written, nextChangeAt: next === undefined ? undefined : new Date(next) };
}
