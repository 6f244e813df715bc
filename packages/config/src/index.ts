export { type Config, ConfigError, Env, loadConfig, WORKER_QUEUES } from "./env.js";
