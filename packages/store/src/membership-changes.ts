/**
 * A profile's membership history (ARCHITECTURE.md, "Storage" and "A batch run"): one document in
 * `membership_changes` per realized or exited transition (`existing` is no change), inserted by a
 * batch shard with the memberships it writes.
 *
 * The `_id` is `<runId>:<segmentId>:<profileId>`, so a retried shard inserts the same ids: the
 * duplicate-key errors of the unordered insert are then ignored and nothing is recorded twice.
 *
 * Recording a change also puts a copy in the feed's outbox (feed-outbox.ts): batch and streaming
 * evaluation both record through here, so every change they make is published.
 */
import type { ChangeSource, MembershipChangeDoc, MembershipEntry } from "./documents.js";
import { insertNew } from "./insert-new.js";
import type { MembershipChange } from "./memberships.js";
import type { Store } from "./store.js";

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

/**
 * Records the changes into the history and into the feed's outbox: one unordered insert each, at
 * once, ids already there (a retried shard) skipped. The streaming evaluation records before it
 * writes the memberships (a retry at the same `now` records the same ids); a batch shard records
 * after them, for the profiles written, and a retry records its run's entries again. Either way a
 * crash in between is completed by the retry; a change that was published meanwhile is
 * recognised by the publisher and not sent again. Returns how many changes were new to the history.
 */
export async function recordMembershipChanges(
  store: Store,
  docs: readonly MembershipChangeDoc[],
): Promise<number> {
  if (docs.length === 0) return 0;
  const [recorded] = await Promise.all([
    insertNew(store.membershipChanges, docs),
    insertNew(store.feedOutbox, docs),
  ]);
  return recorded;
}

/** A profile's changes, newest first (index `(profileId, at)`). */
export function membershipHistory(
  store: Store,
  profileId: string,
  limit: number,
): Promise<MembershipChangeDoc[]> {
  return store.membershipChanges
    .find({ profileId }, { batchSize: limit })
    .sort({ at: -1, _id: -1 })
    .limit(limit)
    .toArray();
}
