/**
 * A FerretDB of one test's own in front of the shared PostgreSQL, for fault tests that stop and
 * restart "the MongoDB server" without disturbing the shared FerretDB other test files use. Its
 * databases are the shared server's (both read the same PostgreSQL); its pid, port and log files
 * live in a temporary folder.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ferretdbFiles, startFerretdb } from "./ferretdb.js";
import { ferretdbBinary } from "./ferretdb-build.js";
import { freePort } from "./ports.js";
import { postgresFiles, postgresUrl } from "./postgres.js";
import { stopByPidFile } from "./processes.js";
import { ownedPort } from "./server-files.js";
import { resolveSettings } from "./settings.js";

export interface PrivateFerretdb {
  /** Its URL, naming no database. */
  readonly url: string;
  /** Stops it (`SIGKILL` for a crash); the data stays in PostgreSQL. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and waits until it answers ping. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/**
 * Starts a second FerretDB on a free port, in front of the PostgreSQL this checkout started;
 * undefined when MongoDB is not our FerretDB (`MONGO_URL`, a mongod on PATH).
 */
export async function startPrivateFerretdb(): Promise<PrivateFerretdb | undefined> {
  const shared = resolveSettings({ log: () => {} });
  if (shared.mongoUrl !== undefined) return undefined;
  const pgPort = await ownedPort(postgresFiles(shared.dataDir));
  if (pgPort === undefined) return undefined;
  const binary = await ferretdbBinary(shared);
  const dataDir = await mkdtemp(join(tmpdir(), "segflow-ferretdb-"));
  const settings = { ...shared, dataDir };
  const port = await freePort();
  const pidFile = ferretdbFiles(dataDir).pidFile;
  const start = () => startFerretdb(binary, settings, port, postgresUrl(pgPort));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    await stopByPidFile(pidFile, "ferretdb", { signal, graceMs: 10_000 });
  };
  await start();
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    stop,
    start,
    async close() {
      await stop("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
