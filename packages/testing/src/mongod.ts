import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { mongoPing } from "./mongo-ping.js";
import { refuseSecondInstance } from "./processes.js";
import { run } from "./run.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

/** Files of the mongod we start, all under `<repo>/.data`. */
export function mongodFiles(dataDir: string): { dir: string; pidFile: string; logFile: string } {
  return {
    dir: join(dataDir, "mongod"),
    pidFile: join(dataDir, "mongod.pid"),
    logFile: join(dataDir, "mongod.log"),
  };
}

/** Starts a mongod found on PATH, forked so that it outlives this process, and waits for `ping`. */
export async function startMongod(binary: string, settings: Settings, url: string): Promise<void> {
  const port = settings.mongoPort;
  const files = mongodFiles(settings.dataDir);
  await refuseSecondInstance(files.pidFile, "mongod", "SEGFLOW_MONGO_PORT");
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
}
