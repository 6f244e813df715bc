export {
  API_SCOPES,
  type ApiKeyEntry,
  type ApiScope,
  apiKeyEntry,
  hashApiKey,
} from "./api-keys.js";
export { type Config, ConfigError, Env, loadConfig, WORKER_QUEUES } from "./env.js";
