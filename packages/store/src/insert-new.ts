/**
 * An insert that may be repeated: documents whose `_id` is already stored are skipped (their
 * duplicate-key errors ignored), so a retried job inserts nothing twice.
 */
import { type Collection, type Document, MongoBulkWriteError, type OptionalUnlessRequiredId } from "mongodb";

const DUPLICATE_KEY = 11000;

/** One unordered insert; returns how many documents were new. */
export async function insertNew<T extends Document>(
  collection: Collection<T>,
  docs: readonly OptionalUnlessRequiredId<T>[],
): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    return (await collection.insertMany([...docs], { ordered: false })).insertedCount;
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = [error.writeErrors].flat();
    // Only duplicates, and every document either inserted or a duplicate. A bulk error without
    // write errors is not a duplicate: an insert in flight across a server restart
    // failed this way with nothing inserted (faults/mongo-restart.test.ts), and was swallowed.
    const accounted = error.result.insertedCount + errors.length === docs.length;
    if (errors.length === 0 || !accounted || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    return error.result.insertedCount;
  }
}
