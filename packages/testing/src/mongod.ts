import { mkdir } from "node:fs/promises";
import { mongoPing } from "./mongo-ping.js";
import { run } from "./run.js";
import { recordPort, type ServerFiles, serverFiles } from "./server-files.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

export const mongodFiles = (dataDir: string): ServerFiles => serverFiles(dataDir, "mongod");

/** Starts a mongod found on PATH, forked so that it outlives this process, and waits for `ping`. */
export async function startMongod(binary: string, settings: Settings, port: number): Promise<void> {
  const files = mongodFiles(settings.dataDir);
  const url = `mongodb://127.0.0.1:${port}/`;
  await mkdir(files.dir, { recursive: true });
  const logStart = await logSize(files.logFile);
  settings.log(`mongo: starting mongod on port ${port} (log: ${files.logFile})`);
  // biome-ignore format: one option a line reads best
  const args = [
    "--fork",
    "--bind_ip", "127.0.0.1",
    "--port", String(port),
    "--dbpath", files.dir,
    "--logpath", files.logFile,
    "--logappend",
    "--pidfilepath", files.pidFile,
  ];
  try {
    await run(binary, args);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; see ${files.logFile}${await tailOf(files.logFile, logStart)}`,
    );
  }
  await waitUntil(async () => (await mongoPing(url)).ok, {
    timeoutMs: 60_000,
    onTimeout: async () =>
      new Error(
        `mongod did not answer ping on port ${port} within 60 s; see ${files.logFile}${await tailOf(files.logFile, logStart)}`,
      ),
  });
  await recordPort(files, port);
}
