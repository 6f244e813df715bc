/**
 * Driver errors that mean "the database cannot be reached right now", as opposed to "it refused
 * this": the first is worth retrying later (an API answers 503), the second is not.
 */
import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";

// MongoNetworkError covers MongoNetworkTimeoutError and the pool's PoolClearedError.
const UNAVAILABLE = [
  MongoServerSelectionError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoTopologyClosedError,
  MongoClientClosedError,
  MongoServerClosedError,
];

// Raised by the connection pool but not exported by the driver: matched by name.
const UNAVAILABLE_NAMES = new Set(["MongoWaitQueueTimeoutError", "MongoPoolClosedError"]);

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // A bulk write wraps the driver's error (a refused connection, say) in a MongoBulkWriteError
  // with no write errors, keeping the original as its errorResponse.
  if (error instanceof MongoBulkWriteError) {
    const cause: unknown = error.errorResponse;
    return cause instanceof Error && cause !== error && isStoreUnavailable(cause);
  }
  return UNAVAILABLE.some((type) => error instanceof type) || UNAVAILABLE_NAMES.has(error.name);
}
