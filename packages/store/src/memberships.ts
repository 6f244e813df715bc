/**
 * Membership bookkeeping (ARCHITECTURE.md, "A batch run"): Adobe's statuses and idempotent writes.
 *
 * A profile's entry for a segment moves as follows when a run evaluates it:
 * - qualifies, was not in (no entry, or exited)  → realized
 * - qualifies, was in (realized or existing)     → existing
 * - does not qualify, was in                     → exited
 * - does not qualify, was not in                 → unchanged (nothing to write)
 * An entry that already carries this run's id was written by an earlier attempt of the same
 * shard: it is this run's outcome and is kept, so a repeated shard writes nothing new.
 */
import type { AnyBulkWriteOperation } from "mongodb";
import type {
  ChangeSource,
  MembershipEntry,
  MembershipStatus,
  ProfileDoc,
  SegmentCounts,
} from "./documents.js";
import { inIdOrder } from "./id-order.js";
import type { Store } from "./store.js";

export interface Transition {
  /** The entry to store, or undefined when nothing changes. */
  write: MembershipEntry | undefined;
  /** The status this run counts for the profile, or null when it is not counted (never was in). */
  counted: MembershipStatus | null;
}

export function membershipTransition(
  previous: MembershipEntry | undefined,
  qualifies: boolean,
  runId: string,
  now: Date,
  source: ChangeSource = "batch",
): Transition {
  const wasIn = previous !== undefined && previous.status !== "exited";
  if (previous?.runId === runId) {
    // Written by an earlier attempt of this run: keep it unless the profile changed since.
    if (wasIn === qualifies) return { write: undefined, counted: previous.status };
  }
  if (qualifies) {
    if (wasIn && previous!.runId !== runId) {
      if (previous!.status === "existing") return { write: undefined, counted: "existing" };
      return { write: { ...previous!, status: "existing", runId, source }, counted: "existing" };
    }
    return { write: { status: "realized", lastQualificationTime: now, runId, source }, counted: "realized" };
  }
  if (wasIn) return { write: { ...previous!, status: "exited", runId, source }, counted: "exited" };
  return { write: undefined, counted: null };
}

export function emptyCounts(): SegmentCounts {
  return { realized: 0, existing: 0, exited: 0, total: 0 };
}

export function addCount(counts: SegmentCounts, status: MembershipStatus | null): void {
  if (status === null) return;
  counts[status]++;
  if (status !== "exited") counts.total++;
}

export interface MembershipChange {
  profileId: string;
  entries: Record<string, MembershipEntry>;
}

/** One unordered bulk write of the changed entries, by `_id`. */
export async function writeMemberships(store: Store, changes: readonly MembershipChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  // In id order: see id-order.ts.
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = inIdOrder(changes, (c) => c.profileId).map((c) => ({
    updateOne: {
      filter: { _id: c.profileId },
      update: {
        $set: Object.fromEntries(
          Object.entries(c.entries).map(([seg, entry]) => [`segmentMembership.${seg}`, entry]),
        ),
      },
    },
  }));
  const result = await store.profiles.bulkWrite(ops, { ordered: false });
  return result.modifiedCount;
}
