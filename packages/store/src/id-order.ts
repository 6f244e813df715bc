/**
 * Writes that touch several profiles send them in `_id` order.
 *
 * FerretDB 2.7 (the local MongoDB, ARCHITECTURE.md "MongoDB and the local server") runs one write
 * command in one PostgreSQL transaction, locking each document as it reaches it. Two commands
 * that touch the same profiles in different orders (two event posts creating their profiles, an
 * upsert beside a streaming write) then wait for each other for good: observed in the event-burst
 * fault test, two update commands each waiting on the other's transaction for minutes, which
 * PostgreSQL did not break. Taken in one order, they only queue. MongoDB writes each document on
 * its own and does not need this; it costs a sort.
 */

/** The positions of `items` in ascending order of their ids. */
export function idOrder<T>(items: readonly T[], id: (item: T) => string): number[] {
  return items
    .map((_, index) => index)
    .sort((a, b) => {
      const x = id(items[a]!);
      const y = id(items[b]!);
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

/** `items` in ascending order of their ids. */
export function inIdOrder<T>(items: readonly T[], id: (item: T) => string): T[] {
  return idOrder(items, id).map((index) => items[index]!);
}
