/**
 * The one error policy of every job (ARCHITECTURE.md, "Jobs"):
 * - unrecoverable, failed at once without retries: a `PermanentJobError` (what retrying cannot
 *   change: the run or model does not exist, the data fails its checks), a payload that does not
 *   match the catalog, a job name the queue's consumer does not know, and errors of the classes
 *   a consumer declares permanent (`consume(…, { permanent: [DataCheckError] })`);
 * - retryable, everything else (a lost connection, a timeout, a bug fixed by a deploy): retried
 *   with the catalog's `attempts` and backoff.
 * Either way the consumer's `onFinalFailure` hook runs once, when no retry is left.
 */
import { UnrecoverableError } from "bullmq";

/** Thrown by a handler for a failure that retrying cannot change. BullMQ fails the job at once. */
export class PermanentJobError extends UnrecoverableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    // BullMQ recognises unrecoverable errors by class or by this name (errors cross processes).
    this.name = "UnrecoverableError";
    if (options && "cause" in options) this.cause = options.cause;
  }
}

/** A class of errors a consumer declares permanent. */
// biome-ignore lint/suspicious/noExplicitAny: any constructor signature
export type ErrorClass = abstract new (...args: any[]) => Error;

/** True when BullMQ will not retry `error`. */
export function isUnrecoverable(error: unknown): boolean {
  return (
    error instanceof UnrecoverableError || (error instanceof Error && error.name === "UnrecoverableError")
  );
}

/** `error` as the job should fail with it: declared-permanent classes become a PermanentJobError. */
export function classifyJobError(error: unknown, permanent: readonly ErrorClass[] = []): Error {
  if (isUnrecoverable(error)) return error as Error;
  if (permanent.some((cls) => error instanceof cls)) {
    return new PermanentJobError((error as Error).message, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
