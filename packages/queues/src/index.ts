export type { Job, Queue } from "bullmq";
export {
  JOBS,
  type JobKey,
  type JobOfQueue,
  type JobPayload,
  jobByName,
  parsePayload,
  QUEUE_NAMES,
  type QueueKey,
} from "./catalog.js";
export { producerConnection, workerConnection } from "./connections.js";
export { type ConsumeOptions, type Consumer, consume, type Handlers, type JobLogger } from "./consume.js";
export { drainOnSignals } from "./drain.js";
export { classifyJobError, type ErrorClass, isUnrecoverable, PermanentJobError } from "./errors.js";
export { EvictionPolicyError, requireNoEviction } from "./eviction-policy.js";
export { QueueInspector } from "./inspect.js";
export { jobIds, schedulerIds } from "./job-ids.js";
export { bullPrefix } from "./prefix.js";
export {
  type DeliveryRetry,
  type FlowJob,
  type JobInput,
  Producer,
  type ProfileWake,
  type Schedule,
} from "./producer.js";
