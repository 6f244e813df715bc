/**
 * A destination's dead letters: deliveries that failed their last attempt. Listed in id order
 * (paged), and replayed: put back to pending so that a fresh deliver job (a new job id per
 * replay, which the caller enqueues) sends them again, with the full number of attempts.
 */
import { type DeadLetter, getDelivery, listDeadLetters, reopenDeadLetter, type Store } from "@segflow/store";
import { requireDestination } from "./destinations.js";
import { DestinationRequestError } from "./errors.js";

export interface DeadLetterPage {
  deadLetters: DeadLetter[];
  /** The `after` of the next page; null on the last. */
  next: string | null;
}

export async function deadLetters(
  store: Store,
  destinationId: string,
  page: { limit: number; after?: string },
): Promise<DeadLetterPage> {
  await requireDestination(store, destinationId);
  // One more than asked tells whether a next page exists.
  const found = await listDeadLetters(store, destinationId, { ...page, limit: page.limit + 1 });
  const deadLetters = found.slice(0, page.limit);
  return { deadLetters, next: found.length > page.limit ? deadLetters.at(-1)!._id : null };
}

/** A dead letter put back to pending: its id and how many times it has been replayed (1, 2, …). */
export interface Replayed {
  deliveryId: string;
  replay: number;
  changes: number;
  /** The error it died with, to put back if its job cannot be queued. */
  lastError: string | null;
}

/** Puts one dead letter back to pending: 404 when the destination has no such delivery, 409 when it is not dead. */
export async function replayDeadLetter(
  store: Store,
  destinationId: string,
  deliveryId: string,
): Promise<Replayed> {
  await requireDestination(store, destinationId);
  const reopened = await reopenDeadLetter(store, destinationId, deliveryId);
  if (reopened) return replayed(reopened);
  const delivery = await getDelivery(store, deliveryId);
  if (delivery?.destinationId !== destinationId) {
    throw new DestinationRequestError(
      "not_found",
      `destination ${JSON.stringify(destinationId)} has no delivery ${JSON.stringify(deliveryId)}`,
    );
  }
  throw new DestinationRequestError(
    "conflict",
    `delivery ${JSON.stringify(deliveryId)} is ${delivery.status}, not dead: only dead letters are replayed`,
    { status: delivery.status },
  );
}

/** Puts every dead letter of the destination back to pending, in id order. */
export async function replayAllDeadLetters(store: Store, destinationId: string): Promise<Replayed[]> {
  await requireDestination(store, destinationId);
  const out: Replayed[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listDeadLetters(store, destinationId, { limit: 500, after });
    for (const { _id } of page) {
      const reopened = await reopenDeadLetter(store, destinationId, _id);
      if (reopened) out.push(replayed(reopened));
    }
    if (page.length < 500) return out;
    after = page.at(-1)!._id;
  }
}

const replayed = (d: DeadLetter): Replayed => ({
  deliveryId: d._id,
  replay: d.replays,
  changes: d.changeCount,
  lastError: d.lastError,
});
