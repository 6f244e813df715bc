import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runningPid } from "./processes.js";

/** Where a server that this checkout starts keeps its things, all under `<repo>/.data`. */
export interface ServerFiles {
  /** The process name checked in /proc before a pid is trusted (a pid can be reused). */
  processName: string;
  dir: string;
  pidFile: string;
  /** The port it was started on: a taken default port moves a server to another one. */
  portFile: string;
  logFile: string;
}

export function serverFiles(dataDir: string, name: string, processName = name): ServerFiles {
  return {
    processName,
    dir: join(dataDir, name),
    pidFile: join(dataDir, `${name}.pid`),
    portFile: join(dataDir, `${name}.port`),
    logFile: join(dataDir, `${name}.log`),
  };
}

/**
 * The port of this checkout's instance of the server when it runs (its pid file names a live
 * process of that name), else undefined. Only such a server is reused: one that merely answers
 * on the default port may belong to another deployment, whose data tests and the demo would drop.
 */
export async function ownedPort(files: ServerFiles): Promise<number | undefined> {
  if ((await runningPid(files.pidFile, files.processName)) === undefined) return undefined;
  try {
    const port = Number.parseInt((await readFile(files.portFile, "utf8")).trim(), 10);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

export async function recordPort(files: ServerFiles, port: number): Promise<void> {
  await writeFile(files.portFile, `${port}\n`);
}
