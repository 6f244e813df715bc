export { loggedError } from "./logged-error.js";
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  type LogScope,
  REDACTED_PATHS,
  scoped,
} from "./logger.js";
