import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { mongoPing } from "./mongo-ping.js";
import { recordPort, type ServerFiles, serverFiles } from "./server-files.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

export const ferretdbFiles = (dataDir: string): ServerFiles => serverFiles(dataDir, "ferretdb");

/**
 * Starts FerretDB 2 in front of PostgreSQL + DocumentDB, detached so that it outlives this
 * process, and waits until it answers `ping`. FerretDB stands in for MongoDB on machines without
 * mongod; production runs real MongoDB.
 */
export async function startFerretdb(
  binary: string,
  settings: Settings,
  port: number,
  postgresUrl: string,
): Promise<void> {
  const files = ferretdbFiles(settings.dataDir);
  const url = `mongodb://127.0.0.1:${port}/`;
  await mkdir(files.dir, { recursive: true });
  const logStart = await logSize(files.logFile);
  settings.log(`mongo: starting FerretDB on port ${port} (log: ${files.logFile})`);
  // biome-ignore format: one option a line reads best
  const args = [
    `--postgresql-url=${postgresUrl}`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${files.dir}`, // state.json: an instance id FerretDB insists on keeping
    "--no-auth", // bound to 127.0.0.1, like the PostgreSQL behind it (trust on loopback)
    "--debug-addr=-", // no debug HTTP listener to collide with other instances
    "--telemetry=disable",
    "--log-level=warn",
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
  await recordPort(files, port);
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
