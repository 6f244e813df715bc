export { createLogger, type Logger, type LogScope, scoped } from "./logger.js";
