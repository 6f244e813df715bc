/**
 * pino loggers. Processes create one root logger and hand it down; jobs get child loggers
 * with their context (`jobId`, `queue`, `runId`, `shard`), so every line says what it is about.
 */
import { type Logger as PinoLogger, pino } from "pino";
import { loggedError } from "./logged-error.js";

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

/**
 * Fields never written, whatever logs them (SECURITY.md, "No keys, secrets or stack traces in
 * answers and logs"): request headers (the API key), a destination's webhook secret.
 */
export const REDACTED_PATHS = [
  "authorization",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "secret",
  "*.secret",
  "destination.secret",
];

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Where lines go. @defaultValue standard output */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    name: options.name,
    level: options.level ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    // Errors without their stack traces, in every process (logged-error.ts).
    serializers: { err: loggedError, error: loggedError },
  };
  return options.destination ? pino(settings, options.destination as pino.DestinationStream) : pino(settings);
}

export function scoped(logger: Logger, scope: LogScope): Logger {
  return logger.child(scope);
}
