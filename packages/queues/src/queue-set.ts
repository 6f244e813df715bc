/** The queues over one connection, under the hash-tagged prefix (prefix.ts). */
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUE_NAMES, type QueueKey } from "./catalog.js";
import { bullPrefix } from "./prefix.js";

export type QueueSet = Record<QueueKey, Queue>;

export function openQueueSet(connection: Redis, queuePrefix: string): QueueSet {
  const prefix = bullPrefix(queuePrefix);
  return {
    runs: new Queue(QUEUE_NAMES.runs, { connection, prefix }),
    shards: new Queue(QUEUE_NAMES.shards, { connection, prefix }),
    training: new Queue(QUEUE_NAMES.training, { connection, prefix }),
    streaming: new Queue(QUEUE_NAMES.streaming, { connection, prefix }),
    feed: new Queue(QUEUE_NAMES.feed, { connection, prefix }),
  };
}
