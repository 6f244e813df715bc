/**
 * Redis must never evict BullMQ's keys: an evicted job hash, lock or wait list loses or corrupts
 * jobs silently. Every process that touches the queues (API, worker, trainer) checks the server's
 * `maxmemory-policy` before it starts and refuses anything but `noeviction` (SECURITY.md,
 * "Redis that may evict keys").
 */
import { Redis } from "ioredis";
import type { JobLogger } from "./consume.js";

/** The server's eviction policy forbids running: the message says which policy and what to set. */
export class EvictionPolicyError extends Error {
  override name = "EvictionPolicyError";
}

/**
 * Reads `maxmemory-policy` (waiting for Redis to answer, as the processes would anyway) and throws
 * an {@link EvictionPolicyError} unless it is `noeviction`. A server that forbids `CONFIG`
 * (managed Redis, ACLs) cannot be checked: that is logged as a warning and allowed.
 */
export async function requireNoEviction(redisUrl: string, logger: JobLogger): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  connection.on("error", () => {}); // retried by ioredis; the command below waits for it
  try {
    let policy: string | undefined;
    try {
      const reply = (await connection.call("CONFIG", "GET", "maxmemory-policy")) as string[];
      policy = reply[1];
    } catch (error) {
      logger.warn(
        { err: (error as Error).message },
        "redis: could not read maxmemory-policy (CONFIG not allowed?); make sure it is noeviction",
      );
      return;
    }
    if (policy === undefined) {
      logger.warn({}, "redis: maxmemory-policy not reported; make sure it is noeviction");
    } else if (policy !== "noeviction") {
      throw new EvictionPolicyError(
        `Redis maxmemory-policy is "${policy}": BullMQ's jobs would be evicted when memory runs out ` +
          `and lost. Set maxmemory-policy to noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction).`,
      );
    }
  } finally {
    connection.disconnect();
  }
}
