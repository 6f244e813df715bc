/**
 * A deadline for calls to Redis. BullMQ waits for its connection to be ready before any
 * command, for as long as Redis is down; a request must not wait with it.
 */
import { AppError } from "./errors.js";

export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** How long a request waits for Redis before answering 503. */
export const REDIS_TIMEOUT_MS = 5000;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A Redis call on behalf of a request: past the deadline, a 503 saying what did not answer. */
export async function redisCall<T>(promise: Promise<T>, what: string): Promise<T> {
  try {
    return await withTimeout(promise, REDIS_TIMEOUT_MS, what);
  } catch (error) {
    if (error instanceof TimeoutError)
      throw new AppError("unavailable", `Redis unavailable (${error.message})`);
    throw error;
  }
}

/**
 * Asks for the streaming evaluation of profiles a request has just written. The writes are
 * stored already: when Redis cannot take the request, the answer is a 503 that says what was
 * stored (`stored`, and `details`) and that their evaluation waits, never a 500 or a hang.
 */
export async function queueEvaluations(
  request: Promise<void> | void,
  stored: string,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    await withTimeout(Promise.resolve(request), REDIS_TIMEOUT_MS, "streaming evaluation requests");
  } catch (error) {
    throw new AppError(
      "unavailable",
      `${stored}, but their streaming evaluation could not be queued (Redis: ${(error as Error).message}); ` +
        "it waits for these profiles' next write, wake-up or batch run",
      details,
    );
  }
}
