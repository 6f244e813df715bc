/**
 * Deliveries (`deliveries`): one POST of a batch of changes to one destination, `pending` until
 * answered 2xx (`delivered`) or out of attempts (`dead`, a dead letter, which may be replayed).
 * Every update names the status it expects, so a late or repeated job changes nothing it should not.
 */
import type { DeliveryDoc } from "./documents.js";
import { insertNew } from "./insert-new.js";
import type { Store } from "./store.js";

/** A delivery's id: one per destination and publish batch, so a retried publisher writes it once. */
export function deliveryId(destinationId: string, batchId: string): string {
  return `${destinationId}-${batchId}`;
}

/** Inserts the deliveries not stored yet; returns how many were new. */
export function insertDeliveries(store: Store, docs: readonly DeliveryDoc[]): Promise<number> {
  return insertNew(store.deliveries, docs);
}

export function getDelivery(store: Store, id: string): Promise<DeliveryDoc | null> {
  return store.deliveries.findOne({ _id: id });
}

/** What one POST came to: answered 2xx, or failed (any other status, a timeout, no connection). */
export type AttemptOutcome =
  | { ok: true; statusCode: number; at: Date }
  | { ok: false; statusCode: number | null; error: string };

/** Counts an attempt of a pending delivery: delivered, or its error kept for the dead-letter list. */
export async function recordDeliveryAttempt(
  store: Store,
  id: string,
  outcome: AttemptOutcome,
): Promise<void> {
  const set = outcome.ok
    ? {
        status: "delivered" as const,
        deliveredAt: outcome.at,
        lastStatusCode: outcome.statusCode,
        lastError: null,
      }
    : { lastStatusCode: outcome.statusCode, lastError: outcome.error };
  await store.deliveries.updateOne({ _id: id, status: "pending" }, { $set: set, $inc: { attempts: 1 } });
}

/** A pending delivery out of attempts becomes a dead letter; false when it was not pending. */
export async function markDeliveryDead(
  store: Store,
  id: string,
  error: string,
  at = new Date(),
): Promise<boolean> {
  const result = await store.deliveries.updateOne(
    { _id: id, status: "pending" },
    { $set: { status: "dead", deadAt: at, lastError: error } },
  );
  return result.modifiedCount === 1;
}

/** A dead letter in a list: everything but the changes themselves. */
export type DeadLetter = Omit<DeliveryDoc, "changes">;

/** A destination's dead letters in id order, after the id `after` (paging). */
export function listDeadLetters(
  store: Store,
  destinationId: string,
  page: { limit: number; after?: string },
): Promise<DeadLetter[]> {
  const filter = {
    destinationId,
    status: "dead" as const,
    ...(page.after !== undefined && { _id: { $gt: page.after } }),
  };
  return store.deliveries
    .find(filter, { batchSize: page.limit, projection: { changes: 0 } })
    .sort({ _id: 1 })
    .limit(page.limit)
    .toArray();
}

/**
 * Puts a dead letter back to pending, counting the replay; the delivery as it is now, or null
 * when the destination has no such dead letter.
 */
export function reopenDeadLetter(
  store: Store,
  destinationId: string,
  id: string,
): Promise<DeliveryDoc | null> {
  return store.deliveries.findOneAndUpdate(
    { _id: id, destinationId, status: "dead" },
    { $set: { status: "pending", deadAt: null }, $inc: { replays: 1 } },
    { returnDocument: "after", projection: { changes: 0 } },
  );
}
