/**
 * BullMQ's key prefix from QUEUE_PREFIX, in a Redis Cluster hash tag: `segflow` becomes
 * `{segflow}`, so every key of every queue hashes to one slot. A flow's parent and children
 * (on different queues) are written by one Lua script, which a cluster allows only within a
 * slot; the same deployment then runs on a single Redis or a Redis Cluster.
 */
export function bullPrefix(queuePrefix: string): string {
  return `{${queuePrefix}}`;
}
