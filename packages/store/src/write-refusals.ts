/**
 * What the store refuses to write, item by item.
 *
 * Two moments, two answers:
 * - Before writing: a document that cannot be stored whatever the database holds (larger than
 *   MongoDB's 16 MiB) makes the whole call throw {@link DocumentsRefusedError} and nothing is
 *   written. The driver would refuse it too, but by throwing out of the whole bulk write (or, for
 *   inserts, with a RangeError from its buffer) without saying which item it was.
 * - While writing: what only the database can tell (the stored document would grow past 16 MiB,
 *   a duplicate key, a validation rule) is a write error of one item. Bulk writes are unordered,
 *   so the other items are written; {@link writeErrorsOf} turns the driver's error into one
 *   {@link RejectedWrite} per refused item, indexed as the caller's input.
 */
import { BSON, MongoBulkWriteError } from "mongodb";

/** MongoDB's largest document (its `maxBsonObjectSize`), also the largest write statement. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export type RejectionCode = "too_large" | "duplicate" | "invalid_document" | "write_error";

export interface RejectedWrite {
  /** Position of the item in the input. */
  index: number;
  /** The profile's id (for an event, its profileId). */
  id: string;
  code: RejectionCode;
  message: string;
}

/** Thrown before anything is written: these items could never be stored. */
export class DocumentsRefusedError extends Error {
  override name = "DocumentsRefusedError";
  constructor(readonly items: RejectedWrite[]) {
    super(items.map((i) => `item ${i.index} (${JSON.stringify(i.id)}): ${i.message}`).join("; "));
  }
}

const MIB = 1024 * 1024;

/**
 * Throws {@link DocumentsRefusedError} naming every statement (an inserted document, an update)
 * the driver would refuse for its size; `>=`, as the driver compares.
 */
export function refuseOversized(statements: readonly BSON.Document[], idOf: (index: number) => string): void {
  const refused: RejectedWrite[] = [];
  statements.forEach((statement, index) => {
    const bytes = BSON.calculateObjectSize(statement);
    if (bytes >= MAX_DOCUMENT_BYTES) {
      refused.push({
        index,
        id: idOf(index),
        code: "too_large",
        message: `${(bytes / MIB).toFixed(1)} MiB as BSON; MongoDB stores documents under 16 MiB`,
      });
    }
  });
  if (refused.length > 0) throw new DocumentsRefusedError(refused);
}

// MongoDB's codes; DocumentDB (FerretDB 2) reports its own codes, hence the message fallback for size.
const DUPLICATE_KEY = new Set([11000, 11001]);
const TOO_LARGE = new Set([10334, 17419, 17420]);
const INVALID_DOCUMENT = new Set([2, 52, 56, 57, 121]);

function rejectionCode(code: unknown, message: string): RejectionCode {
  if (typeof code === "number") {
    if (DUPLICATE_KEY.has(code)) return "duplicate";
    if (TOO_LARGE.has(code)) return "too_large";
    if (INVALID_DOCUMENT.has(code)) return "invalid_document";
  }
  if (/\blarger than\b/i.test(message)) return "too_large";
  return "write_error";
}

export interface PartialWrite {
  rejected: RejectedWrite[];
  /** Counts of what was written despite the refusals. */
  result: MongoBulkWriteError["result"];
}

/**
 * The items a failed unordered bulk write refused, or undefined when the error is not about
 * items (a lost connection, a write concern error): then nobody can say what was written.
 */
export function writeErrorsOf(error: unknown, idOf: (index: number) => string): PartialWrite | undefined {
  if (!(error instanceof MongoBulkWriteError)) return undefined;
  const writeErrors = error.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  if (list.length === 0 || error.result === undefined) return undefined;
  const rejected = list
    .map((w) => ({
      index: w.index,
      id: idOf(w.index),
      code: rejectionCode(w.code, w.errmsg ?? ""),
      message: w.errmsg ?? "refused by the database",
    }))
    .sort((a, b) => a.index - b.index);
  return { rejected, result: error.result };
}
