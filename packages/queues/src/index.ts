export {
  JOBS,
  type JobKey,
  type JobPayload,
  jobByName,
  jobIds,
  parsePayload,
  QUEUE_NAMES,
  type QueueKey,
} from "./catalog.js";
export { producerConnection, workerConnection } from "./connections.js";
export { Producer } from "./producer.js";
