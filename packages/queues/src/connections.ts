/**
 * Redis connections. Workers block on Redis and must wait out outages (BullMQ requires
 * `maxRetriesPerRequest: null`); producers (the API) must fail fast instead of hanging a request.
 */
import { Redis } from "ioredis";

export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 });
}
