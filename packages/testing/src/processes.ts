import { readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** Whether a process with this id exists (EPERM means it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, "utf8")).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the process named in a pid file, but only when it still runs `expectedName` (a pid can be
 * reused by an unrelated process after ours died). `signal` first, SIGKILL after `graceMs`.
 * Returns the pid it stopped, or undefined when there was nothing of ours to stop.
 */
export async function stopByPidFile(
  pidFile: string,
  expectedName: string,
  { signal = "SIGTERM", graceMs = 10_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<number | undefined> {
  const pid = await runningPid(pidFile, expectedName);
  if (pid === undefined) {
    await rm(pidFile, { force: true });
    return undefined;
  }
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  await rm(pidFile, { force: true });
  return pid;
}

/** The pid in the pid file when that process is alive and still runs `expectedName`. */
export async function runningPid(pidFile: string, expectedName: string): Promise<number | undefined> {
  const pid = await readPidFile(pidFile);
  if (pid === undefined || !isAlive(pid) || !(await runs(pid, expectedName))) return undefined;
  return pid;
}

/** Whether the process' command line mentions `name`; true where /proc is not there to ask. */
async function runs(pid: number, name: string): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes(name);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT" || !(await hasProc());
  }
}

async function hasProc(): Promise<boolean> {
  try {
    await readFile("/proc/self/cmdline");
    return true;
  } catch {
    return false;
  }
}
