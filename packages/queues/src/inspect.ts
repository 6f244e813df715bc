/**
 * Read access to the queues for tests, the demo and operators: the jobs a run left, a worker's
 * hold on a shard, schedulers; and `obliterate` to clear a test's or a demo's prefix. Apps
 * enqueue through the Producer and consume through `consume`, never through this.
 */
import type { Queue } from "bullmq";
import type { QueueKey } from "./catalog.js";
import { producerConnection } from "./connections.js";
import { openQueueSet, type QueueSet } from "./queue-set.js";

export class QueueInspector {
  private readonly connection;
  private readonly queues: QueueSet;

  constructor(redisUrl: string, queuePrefix: string) {
    this.connection = producerConnection(redisUrl);
    this.queues = openQueueSet(this.connection, queuePrefix);
  }

  /** One queue, to read its jobs and schedulers (`getJob`, `getDelayed`, `getJobScheduler`, …). */
  queue(key: QueueKey): Queue {
    return this.queues[key];
  }

  /** Deletes every job and scheduler of every queue under the prefix. */
  async obliterate(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.obliterate({ force: true })));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
