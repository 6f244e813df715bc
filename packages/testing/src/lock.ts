import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { isAlive } from "./processes.js";

export interface LockOptions {
  /** What the holder is doing, for the "waiting" line and the timeout error. */
  what: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/**
 * Runs `fn` while holding a lock file (created exclusively, holding our pid), so that two
 * processes never build or start the same thing at once. A lock whose holder died is taken over.
 */
export async function withLock<T>(path: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  while (!(await tryLock(path))) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for another process ${options.what} ` +
          `(lock file ${path}; delete it if no such process runs)`,
      );
    }
    if (!announced) {
      options.log(`waiting for another process ${options.what} (lock file ${path})`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

async function tryLock(path: string): Promise<boolean> {
  try {
    await writeFile(path, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (await isStale(path)) await rm(path, { force: true });
  return false;
}

async function isStale(path: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    const pid = Number.parseInt(text, 10);
    if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
    // Created but not written yet, or written by something else: give the writer a few seconds.
    return Date.now() - info.mtimeMs > 10_000;
  } catch {
    return false; // gone already: the next attempt will tell
  }
}
