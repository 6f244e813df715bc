import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mongoPing } from "./mongo-ping.js";
import { refuseSecondInstance } from "./processes.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

/** Files of the FerretDB we start, all under `<repo>/.data`. */
export function ferretdbFiles(dataDir: string): { dir: string; pidFile: string; logFile: string } {
  return {
    dir: join(dataDir, "ferretdb"),
    pidFile: join(dataDir, "ferretdb.pid"),
    logFile: join(dataDir, "ferretdb.log"),
  };
}

/**
 * Starts FerretDB with its SQLite handler (one SQLite file per database under `.data/ferretdb/`),
 * detached so that it outlives this process, and waits until it answers `ping`. FerretDB stands in
 * for MongoDB on machines without mongod; production runs real MongoDB.
 */
export async function startFerretdb(binary: string, settings: Settings, url: string): Promise<void> {
  const port = settings.mongoPort;
  const files = ferretdbFiles(settings.dataDir);
  await refuseSecondInstance(files.pidFile, "ferretdb", "SEGFLOW_MONGO_PORT");
  await mkdir(files.dir, { recursive: true });
  const logStart = await logSize(files.logFile);
  settings.log(`mongo: starting FerretDB on port ${port} (log: ${files.logFile})`);
  // biome-ignore format: one option a line reads best
  const args = [
    "--handler=sqlite",
    `--sqlite-url=file:${files.dir}/`, // a folder: the trailing slash is required
    "--state-dir=-", // no state.json (it only holds a telemetry id)
    "--debug-addr=-", // no debug HTTP listener to collide with other instances
    "--telemetry=disable",
    `--listen-addr=127.0.0.1:${port}`,
    "--log-level=error",
  ];
  const log = openSync(files.logFile, "a");
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  let exited: string | undefined;
  child.on("error", (error) => {
    exited = error.message;
  });
  child.on("exit", (code, signal) => {
    exited = signal === null ? `exit code ${code}` : `signal ${signal}`;
  });
  child.unref();
  if (child.pid !== undefined) await writeFile(files.pidFile, String(child.pid));
  const logTail = () => tailOf(files.logFile, logStart);
  await waitUntil(async () => (await mongoPing(url)).ok, {
    timeoutMs: 30_000,
    failFast: async () => (exited === undefined ? undefined : await stoppedEarly(exited, files, logTail)),
    onTimeout: async () =>
      new Error(
        `FerretDB did not answer ping on port ${port} within 30 s; see ${files.logFile}${await logTail()}`,
      ),
  });
}

async function stoppedEarly(
  why: string,
  files: { pidFile: string; logFile: string },
  logTail: () => Promise<string>,
): Promise<Error> {
  await rm(files.pidFile, { force: true }); // names a dead process now
  return new Error(`FerretDB stopped (${why}) before answering; see ${files.logFile}${await logTail()}`);
}
