/**
 * How segflow's processes log an error: its class, message, code and the place it was thrown,
 * never the stack trace (SECURITY.md, "No keys, secrets or stack traces in answers and logs"). A trace
 * shows the code's layout and, through the frames' arguments in some runtimes, data; the first
 * frame is enough to find the line, and the message says what happened.
 */

/** Where an error was thrown: `file:line:column` of its first stack frame. */
function thrownAt(stack: string | undefined): string | undefined {
  const frame = stack?.split("\n").find((line) => /^\s+at /.test(line));
  if (!frame) return undefined;
  const place = /\(([^()]+)\)\s*$/.exec(frame)?.[1] ?? frame.trim().replace(/^at\s+/, "");
  return place.replace(/^file:\/\//, "");
}

/**
 * pino's `err` serializer for every logger createLogger makes: the error without its stack. It may get the
 * error itself or an error pino already serialized (pino-http hands it the standard
 * serializer's output: `{ type, message, stack, … }`).
 */
export function loggedError(error: unknown): unknown {
  if (typeof error !== "object" || error === null) return error;
  const { name, type, message, code, stack, cause } = error as Record<string, unknown>;
  return {
    type: error instanceof Error ? error.name : (type ?? name),
    message,
    ...(code === undefined ? {} : { code }),
    at: thrownAt(typeof stack === "string" ? stack : undefined),
    ...(cause === undefined ? {} : { cause: loggedError(cause) }),
  };
}
