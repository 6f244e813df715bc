/**
 * HTTP errors. One table maps each error code to its status (as Documenso's AppError does), and
 * one middleware turns whatever a handler throws into `{ error: { code, message, details } }`
 * (apps/api/README.md, "Errors"). Bad input is always a 4xx naming the field or the language
 * position; a database that cannot be reached is a 503 with `Retry-After`; only the unexpected is
 * a 500, and that is logged.
 */

import { DestinationRequestError } from "@segflow/destinations";
import { InvalidRequestError, NotFoundError } from "@segflow/evaluation";
import type { Logger } from "@segflow/logger";
import { SegmentLanguageError } from "@segflow/segment-language";
import { DuplicateIdError, isStoreUnavailable } from "@segflow/store";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { z } from "zod";

export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_definition: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What a 503 tells clients to wait: a restarted or failed-over server is usually back by then. */
export const RETRY_AFTER_SECONDS = 5;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A zod issue as the API reports it: the path in dot notation (`profiles.0.id`). */
export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code }));
}

/** A 400 for a zod failure on one part of the request (`body`, `query`, a header). */
export function invalidInput(error: z.ZodError, where: string): AppError {
  const issues = fieldIssues(error);
  const first = issues[0];
  const field = first?.path ? first.path : where;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("invalid_request", `${field}: ${first?.message ?? "invalid"}${more}`, {
    in: where,
    issues,
  });
}

/** Any thrown value → an AppError, or undefined when it is unexpected (a 500). */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return invalidInput(error, "body");
  if (error instanceof SegmentLanguageError) {
    return new AppError("invalid_definition", error.errors.map((e) => e.message).join("; "), {
      errors: error.errors,
    });
  }
  if (error instanceof NotFoundError) return new AppError("not_found", error.message);
  if (error instanceof InvalidRequestError)
    return new AppError("invalid_request", error.message, error.details);
  if (error instanceof DuplicateIdError) return new AppError("conflict", error.message);
  if (error instanceof DestinationRequestError) return new AppError(error.code, error.message, error.details);
  if (isStoreUnavailable(error)) {
    return new AppError("unavailable", `database unavailable (${(error as Error).message}); retry later`);
  }
  return pathDecodeError(error) ?? bodyParserError(error);
}

/**
 * A path parameter that is not valid percent-encoding (`/v1/segments/%`, `%FF%FE`): Express's
 * router throws a URIError marked 400 before any handler runs.
 */
function pathDecodeError(error: unknown): AppError | undefined {
  if (!(error instanceof URIError) || (error as { status?: unknown }).status !== 400) return undefined;
  return new AppError("invalid_request", `path: ${error.message} (not valid percent-encoded UTF-8)`, {
    in: "path",
    issues: [{ path: "", message: error.message, code: "invalid_encoding" }],
  });
}

/**
 * Errors of express.json (body-parser): a 4xx `status` and a `type`, or, for a body its
 * Content-Encoding does not decompress (gzip, br), none: the zlib error marked 400 and `expose`.
 */
function bodyParserError(error: unknown): AppError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { type, status, expose } = error as { type?: unknown; status?: unknown; expose?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  if (typeof type !== "string") {
    if (expose !== true) return undefined;
    return new AppError("invalid_request", `body: could not be read (${(error as Error).message})`);
  }
  switch (type) {
    case "entity.parse.failed":
      return new AppError("invalid_json", `body: not valid JSON (${(error as Error).message})`);
    case "entity.too.large": {
      const { limit } = error as { limit?: number };
      return new AppError("payload_too_large", `body: larger than the limit of ${limit ?? "?"} bytes`);
    }
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("unsupported_media_type", `body: ${(error as Error).message}`);
    default:
      return new AppError("invalid_request", `body: ${(error as Error).message}`);
  }
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? null } };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    let appError = toAppError(error);
    if (!appError) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, "unexpected error");
      appError = new AppError("internal", "internal error; see the API log");
    }
    if (appError.code === "unavailable") {
      // Not our fault and not the client's: worth a line, not an alarm.
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, appError.message);
      res.set("Retry-After", String(RETRY_AFTER_SECONDS));
    }
    res.status(appError.status).json(errorBody(appError));
  };
}

/** Anything no route answered. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError("not_found", `no route for ${req.method} ${req.path}`));
};
