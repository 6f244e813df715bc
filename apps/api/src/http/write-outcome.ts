/**
 * How a bulk request answers when the store refuses some of its items (README "Using it", and
 * the OpenAPI description of POST /v1/profiles and /v1/events).
 *
 * Everything the request alone can tell (shape, field names, nesting, size) is checked before
 * anything is written: one bad item refuses the whole request with a 400 naming each item, and
 * nothing is half-written. What only the database can tell (a stored profile that would grow past
 * 16 MiB, a duplicate key) comes back per item from one unordered bulk write, whose other items
 * are written: the answer lists the refused ones, so a client resends only those. Refusing the
 * whole request there instead would need a multi-document transaction, which FerretDB does not
 * have and MongoDB has only on replica sets.
 */
import { DocumentsRefusedError, type RejectedWrite } from "@segflow/store";
import { AppError } from "./errors.js";

/** The error to throw for `error`: a 400 naming the items too large to store, else `error` itself. */
export function refusedBeforeWriting(field: string, error: unknown): unknown {
  if (!(error instanceof DocumentsRefusedError)) return error;
  const issues = error.items.map((item) => ({
    path: `${field}.${item.index}`,
    message: `${JSON.stringify(item.id)}: ${item.message}`,
    code: item.code,
  }));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("invalid_request", `${issues[0]!.path}: ${issues[0]!.message}${more}`, {
    in: "body",
    issues,
  });
}

/**
 * The refused items, for a 2xx answer when some items were written; a 422 when none was, so that
 * a request with nothing to show never looks like a success.
 */
export function rejectedItems(field: string, total: number, rejected: RejectedWrite[]): RejectedWrite[] {
  if (rejected.length < total) return rejected;
  const first = rejected[0]!;
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : "";
  throw new AppError(
    "unprocessable",
    `${field}.${first.index} (${JSON.stringify(first.id)}): ${first.message}${more}; nothing was written`,
    { rejected },
  );
}

/** The OpenAPI description of a bulk write of `items` (profiles or events). */
export const BULK_WRITE_OUTCOME = (items: string) =>
  `Everything the request alone can tell (shape, field names, nesting, size under MongoDB's 16 MiB) is ` +
  `checked first: a 400 names every bad item (\`${items}.3.…\`) and nothing is written. The ${items} are then ` +
  "written in one unordered bulk write: one the database refuses (e.g. a stored profile that would grow " +
  "past 16 MiB) does not stop the others, and is listed in `rejected` with its index, id and reason. " +
  "When the database refuses all of them, the answer is a 422 with the same list in `error.details.rejected`.";
