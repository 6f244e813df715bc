/**
 * Bulk writes in chunks. FerretDB 1.24 (the local stand-in for MongoDB) keeps one of its 100
 * SQLite connections per database busy for every update of a bulk write until the whole command
 * ends: a `bulkWrite` of 100 updates never returns, and smaller ones starve concurrent readers
 * (an open shard cursor, another worker) until everything hangs. Chunks of 20 leave room for
 * several workers and the API at once; on MongoDB they only cost a few more round trips.
 */
import type { AnyBulkWriteOperation, BulkWriteResult, Collection, Document } from "mongodb";

export const BULK_CHUNK = 20;

export async function chunkedBulkWrite<T extends Document>(
  collection: Collection<T>,
  ops: readonly AnyBulkWriteOperation<T>[],
): Promise<Pick<BulkWriteResult, "upsertedCount" | "matchedCount" | "modifiedCount">> {
  const total = { upsertedCount: 0, matchedCount: 0, modifiedCount: 0 };
  for (let i = 0; i < ops.length; i += BULK_CHUNK) {
    const r = await collection.bulkWrite(ops.slice(i, i + BULK_CHUNK) as AnyBulkWriteOperation<T>[], {
      ordered: false,
    });
    total.upsertedCount += r.upsertedCount;
    total.matchedCount += r.matchedCount;
    total.modifiedCount += r.modifiedCount;
  }
  return total;
}
