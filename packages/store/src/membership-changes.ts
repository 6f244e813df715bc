/**
 * A profile's membership history (ARCHITECTURE.md, "Storage" and "A batch run"): one document in
 * `membership_changes` per realized or exited transition (`existing` is no change), inserted by a
 * batch shard with the memberships it writes.
 *
 * The `_id` is `<runId>:<segmentId>:<profileId>`, so a retried shard inserts the same ids: the
 * duplicate-key errors of the unordered insert are then ignored and nothing is recorded twice.
 */
import { MongoBulkWriteError } from "mongodb";
import type { ChangeSource, MembershipChangeDoc, MembershipEntry } from "./documents.js";
import type { MembershipChange } from "./memberships.js";
import type { Store } from "./store.js";

const DUPLICATE_KEY = 11000;

export function membershipChangeId(runId: string, segmentId: string, profileId: string): string {
  return `${runId}:${segmentId}:${profileId}`;
}

/** The history documents of a batch of membership writes made at `at` (the evaluation's `now`). */
export function changeDocs(
  changes: readonly MembershipChange[],
  at: Date,
  source: ChangeSource = "batch",
): MembershipChangeDoc[] {
  const docs: MembershipChangeDoc[] = [];
  for (const { profileId, entries } of changes) {
    for (const [segmentId, entry] of Object.entries(entries) as [string, MembershipEntry][]) {
      if (entry.status === "existing") continue;
      docs.push({
        _id: membershipChangeId(entry.runId, segmentId, profileId),
        profileId,
        segmentId,
        status: entry.status,
        at,
        runId: entry.runId,
        source,
      });
    }
  }
  return docs;
}

/** One unordered insert; ids already recorded (a retried shard) are skipped. Returns those new. */
export async function recordMembershipChanges(
  store: Store,
  docs: readonly MembershipChangeDoc[],
): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    return (await store.membershipChanges.insertMany([...docs], { ordered: false })).insertedCount;
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = [error.writeErrors].flat();
    if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    return error.result.insertedCount;
  }
}

/** A profile's changes, newest first (index `(profileId, at)`). */
export function membershipHistory(
  store: Store,
  profileId: string,
  limit: number,
): Promise<MembershipChangeDoc[]> {
  return store.membershipChanges.find({ profileId }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
}
