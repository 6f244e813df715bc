/**
 * Bulk writes in chunks. FerretDB 1.24 (the local stand-in for MongoDB) never answers a
 * `bulkWrite` of 100 or more updates of existing documents, and the database stays stuck;
 * 99 return at once. Chunks of 99 cost MongoDB a few more round trips and nothing else.
 */
import type { AnyBulkWriteOperation, BulkWriteResult, Collection, Document } from "mongodb";

export const BULK_CHUNK = 99;

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
