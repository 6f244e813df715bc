/**
 * The membership feed's outbox (ARCHITECTURE.md, "Membership feed and destinations"). Recording
 * a change also inserts a copy into `feed_outbox` (membership-changes.ts); a publisher takes the
 * lowest ids in batches, claims each batch by inserting its change ids into `feed_published`,
 * writes the batch's deliveries, then deletes the batch from the outbox.
 *
 * The claim makes publication exactly once without transactions (FerretDB has none):
 * - a publisher that died mid-batch leaves claimed changes in the outbox; the next one finds their
 *   claim and resumes that batch whole, so it makes the same deliveries (same ids) again;
 * - a retried shard that records a change again after it was published puts it back in the outbox
 *   (its copy was deleted, so nothing stops the insert); its claim is still there, so the
 *   publisher resumes the old batch, whose deliveries exist, and sends nothing new.
 * Why a collection of its own rather than a `pending` flag on the history: on FerretDB an update of
 * a 500-change batch costs about ten times its delete, and the flag's index made every recorded
 * change dearer to insert (measured: bench/README.md, "Webhook throughput").
 */
import { createHash } from "node:crypto";
import type { MembershipChangeDoc } from "./documents.js";
import { insertNew } from "./insert-new.js";
import { ONE_BATCH } from "./one-batch.js";
import type { Store } from "./store.js";

/** How long a published change's claim is kept: far longer than any retry of its recorder. */
export const FEED_PUBLISHED_TTL_SECONDS = 7 * 86_400;

export interface FeedBatch {
  /** A digest of the change ids it claimed (hex, safe in delivery and job ids). */
  id: string;
  /** Its changes still in the outbox, in id order. */
  changes: MembershipChangeDoc[];
  /** Claimed by an earlier publisher that did not finish it (or published, and recorded again). */
  resumed: boolean;
}

export function feedBatchId(changeIds: readonly string[]): string {
  return createHash("sha256").update(changeIds.join("\n")).digest("hex").slice(0, 24);
}

/**
 * The next batch to publish, from the lowest `limit` ids of the outbox: when some of them are
 * claimed already, the batch that claimed them (resumed whole); otherwise they are claimed as a
 * new batch. Undefined when the outbox is empty. Every read is sorted by an index (a sorted read
 * returns each document once on FerretDB).
 */
export async function nextFeedBatch(
  store: Store,
  limit: number,
  now = new Date(),
): Promise<FeedBatch | undefined> {
  const head = await store.feedOutbox.find({}, { batchSize: limit }).sort({ _id: 1 }).limit(limit).toArray();
  if (head.length === 0) return undefined;
  const ids = head.map((doc) => doc._id);
  const [claimed] = await store.feedPublished
    .find({ _id: { $in: ids } })
    .sort({ _id: 1 })
    .limit(1)
    .toArray();
  if (claimed)
    return { id: claimed.batchId, changes: await batchChanges(store, claimed.batchId), resumed: true };

  const batchId = feedBatchId(ids);
  const inserted = await insertNew(
    store.feedPublished,
    ids.map((id) => ({ _id: id, batchId, at: now })),
  );
  // Another publisher claimed some of them meantime (one runs at a time, but a stalled one may
  // overlap its successor): this batch is what carries this claim.
  const changes = inserted === ids.length ? head : await batchChanges(store, batchId);
  return { id: batchId, changes, resumed: false };
}

/** The changes of a claimed batch still in the outbox, in id order. */
async function batchChanges(store: Store, batchId: string): Promise<MembershipChangeDoc[]> {
  const ids = (
    await store.feedPublished
      .find({ batchId }, { ...ONE_BATCH, projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray()
  ).map((doc) => doc._id);
  return store.feedOutbox
    .find({ _id: { $in: ids } }, ONE_BATCH)
    .sort({ _id: 1 })
    .toArray();
}

/** Takes a published batch's changes out of the outbox; returns how many. */
export async function finishFeedBatch(store: Store, changeIds: readonly string[]): Promise<number> {
  if (changeIds.length === 0) return 0;
  return (await store.feedOutbox.deleteMany({ _id: { $in: [...changeIds] } })).deletedCount;
}

/** Changes not yet published (claimed or not). */
export function pendingChangeCount(store: Store): Promise<number> {
  return store.feedOutbox.countDocuments({});
}
