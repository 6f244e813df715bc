/**
 * The publisher (ARCHITECTURE.md, "Membership feed and destinations"): takes the changes not yet
 * published from the outbox in batches (store's feed-outbox.ts) and turns each batch into one
 * delivery per destination that receives any of its changes. Per batch, in this order:
 *   1. claim the batch (or resume one that was claimed and not finished),
 *   2. insert its deliveries (ids from destination and batch: a repeat inserts nothing new),
 *   3. let the caller enqueue their deliver jobs (ids from the deliveries': idem),
 *   4. take the batch out of the outbox.
 * A crash at any point leaves the batch claimed in the outbox, and the next publisher repeats 2–4
 * for it, so a change is never lost and never sent in two deliveries to one destination.
 */
import {
  type DeliveryDoc,
  type DestinationDoc,
  deliveryId,
  type FeedChange,
  finishFeedBatch,
  insertDeliveries,
  listDestinations,
  type MembershipChangeDoc,
  nextFeedBatch,
  type Store,
} from "@segflow/store";
import { receives } from "./destinations.js";

export interface PublishOptions {
  /**
   * Enqueues the deliver jobs of a batch's deliveries; called after they are stored and before
   * the batch is cleared, with every delivery of the batch (also those a repeat finds stored).
   */
  enqueue: (deliveryIds: string[]) => Promise<void>;
  /** Changes per batch, so at most per delivery. @defaultValue 500 */
  batchSize?: number;
  /**
   * Batches one call publishes at most; it then returns with `more`, so that one job does not run
   * unbounded while changes keep coming. @defaultValue 200
   */
  maxBatches?: number;
  /** @defaultValue the current time */
  now?: () => Date;
}

export interface PublishResult {
  batches: number;
  /** Changes taken out of the outbox. */
  changes: number;
  /** Batches an earlier publisher had claimed and not finished. */
  resumed: number;
  /** Deliveries of those batches (one per batch and receiving destination). */
  deliveries: number;
  /** True when it stopped at `maxBatches` with changes possibly left. */
  more: boolean;
}

export const PUBLISH_BATCH = 500;

export async function publishFeed(store: Store, options: PublishOptions): Promise<PublishResult> {
  const batchSize = options.batchSize ?? PUBLISH_BATCH;
  const maxBatches = options.maxBatches ?? 200;
  const now = options.now ?? (() => new Date());
  const result: PublishResult = { batches: 0, changes: 0, deliveries: 0, resumed: 0, more: false };
  while (result.batches < maxBatches) {
    const batch = await nextFeedBatch(store, batchSize, now());
    if (batch === undefined) return result;
    // Read per batch: a destination added meanwhile receives the batches from then on.
    const deliveries = deliveriesOf(batch.id, batch.changes, await listDestinations(store), now());
    if (deliveries.length > 0) {
      await insertDeliveries(store, deliveries);
      await options.enqueue(deliveries.map((d) => d._id));
    }
    result.deliveries += deliveries.length;
    result.changes += await finishFeedBatch(
      store,
      batch.changes.map((c) => c._id),
    );
    result.batches++;
    if (batch.resumed) result.resumed++;
  }
  result.more = true;
  return result;
}

/** The deliveries of one batch: one per destination that receives any of its changes. */
export function deliveriesOf(
  batchId: string,
  changes: readonly MembershipChangeDoc[],
  destinations: readonly DestinationDoc[],
  createdAt: Date,
): DeliveryDoc[] {
  const feed: FeedChange[] = changes.map((c) => ({
    id: c._id,
    profileId: c.profileId,
    segmentId: c.segmentId,
    status: c.status,
    at: c.at,
    source: c.source,
    runId: c.runId,
  }));
  return destinations.flatMap((destination) => {
    const kept = feed.filter((c) => receives(destination, c.segmentId));
    if (kept.length === 0) return [];
    return [
      {
        _id: deliveryId(destination._id, batchId),
        destinationId: destination._id,
        batchId,
        changes: kept,
        changeCount: kept.length,
        status: "pending" as const,
        attempts: 0,
        lastError: null,
        lastStatusCode: null,
        replays: 0,
        createdAt,
        deliveredAt: null,
        deadAt: null,
      },
    ];
  });
}
