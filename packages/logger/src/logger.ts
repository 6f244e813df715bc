/**
 * pino loggers. Processes create one root logger and hand it down; jobs get child loggers
 * with their context (`jobId`, `queue`, `runId`, `shard`), so every line says what it is about.
 */
import { type Logger as PinoLogger, pino } from "pino";

export type Logger = PinoLogger;

/** Context fields a child logger may carry. */
export interface LogScope {
  jobId?: string;
  queue?: string;
  runId?: string;
  shard?: number;
  modelId?: string;
  profileId?: string;
}

export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({ name: options.name, level: options.level ?? "info" });
}

export function scoped(logger: Logger, scope: LogScope): Logger {
  return logger.child(scope);
}
