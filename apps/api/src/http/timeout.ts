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
