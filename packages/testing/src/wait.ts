import { readFile, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Checked between attempts: an error here ends the wait at once (e.g. the server exited). */
  failFast?: () => Promise<Error | undefined>;
  /** The error to throw when the time is up. */
  onTimeout: () => Promise<Error>;
}

/** Polls `ready` until it says true, the time is up, or `failFast` reports a failure. */
export async function waitUntil(ready: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await ready()) return;
    const failure = await options.failFast?.();
    if (failure !== undefined) throw failure;
    if (Date.now() > deadline) throw await options.onTimeout();
    await sleep(options.intervalMs ?? 200);
  }
}

/**
 * The last lines a log file got since it was `fromByte` long (see logSize), indented, for an
 * error message; empty when there are none.
 */
export async function tailOf(logFile: string, fromByte = 0, lines = 15): Promise<string> {
  try {
    const text = (await readFile(logFile)).subarray(fromByte).toString("utf8").trimEnd();
    if (text === "") return "";
    return `\n  ${text.split("\n").slice(-lines).join("\n  ")}`;
  } catch {
    return "";
  }
}

/** How long a log file is now (0 when missing), to show only what a start adds to it. */
export async function logSize(logFile: string): Promise<number> {
  try {
    return (await stat(logFile)).size;
  } catch {
    return 0;
  }
}
