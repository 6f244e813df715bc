/**
 * The membership feed's outbox (ARCHITECTURE.md, "Membership feed and destinations"). Every change
 * is recorded `pending` (membership-changes.ts); a publisher claims the oldest unclaimed ones, in
 * id order, into a batch (`feedBatch` on each), writes the batch's deliveries, then clears the
 * batch. The claim is stored on the changes themselves, so a publisher that died mid-batch is
 * resumed with the same batch, and so the same delivery ids, whatever was recorded meanwhile.
 *
 * FerretDB has no multi-document transactions (ARCHITECTURE.md, "MongoDB and the local server"):
 * instead of one atomic step, each step may be repeated. A claim only takes unclaimed changes, so
 * two publishers never share a change; a clear cut short leaves the rest of its batch claimed,
 * and the next publisher resumes it.
 */
import { createHash } from "node:crypto";
import type { Filter } from "mongodb";
import type { MembershipChangeDoc } from "./documents.js";
import type { Store } from "./store.js";

/**
 * Pending and unclaimed. `feedBatch: null` matches a missing field and, unlike `$exists: false`,
 * is an equality the outbox index answers; the driver's types do not know that null matches.
 */
const UNCLAIMED = { pending: true, feedBatch: null } as unknown as Filter<MembershipChangeDoc>;

/** A batch's id: a digest of the ids it claimed (hex, safe in job ids and delivery ids). */
export function feedBatchId(changeIds: readonly string[]): string {
  return createHash("sha256").update(changeIds.join("\n")).digest("hex").slice(0, 24);
}

/** A batch claimed earlier whose publisher did not clear it, or undefined when none is left. */
export async function unfinishedFeedBatch(store: Store): Promise<string | undefined> {
  const doc = await store.membershipChanges.findOne(
    { pending: true, feedBatch: { $gt: "" } },
    { projection: { feedBatch: 1 } },
  );
  return doc?.feedBatch;
}

/**
 * Claims up to `limit` unclaimed pending changes, lowest id first, as a new batch; undefined when
 * none is pending. The read is sorted by the outbox index (a sorted read returns each document
 * once on FerretDB).
 */
export async function claimFeedBatch(store: Store, limit: number): Promise<string | undefined> {
  const ids = (
    await store.membershipChanges
      .find(UNCLAIMED, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray()
  ).map((doc) => doc._id);
  if (ids.length === 0) return undefined;
  const batchId = feedBatchId(ids);
  await store.membershipChanges.updateMany(
    { ...UNCLAIMED, _id: { $in: ids } },
    { $set: { feedBatch: batchId } },
  );
  return batchId;
}

/** The changes of a batch not yet cleared, in id order. */
export function feedBatchChanges(store: Store, batchId: string): Promise<MembershipChangeDoc[]> {
  return store.membershipChanges.find({ pending: true, feedBatch: batchId }).sort({ _id: 1 }).toArray();
}

/** Marks a batch's changes published: they leave the outbox. Returns how many. */
export async function clearFeedBatch(store: Store, batchId: string): Promise<number> {
  const result = await store.membershipChanges.updateMany(
    { pending: true, feedBatch: batchId },
    { $unset: { pending: "", feedBatch: "" } },
  );
  return result.modifiedCount;
}

/** Changes not yet published (claimed or not). */
export function pendingChangeCount(store: Store): Promise<number> {
  return store.membershipChanges.countDocuments({ pending: true });
}
