export { type Config, ConfigError, Env, loadConfig } from "./env.js";
