import { ferretdbFiles } from "./ferretdb.js";
import { ensureMongo, type MongoKind } from "./mongo.js";
import { mongodFiles } from "./mongod.js";
import { postgresFiles } from "./postgres.js";
import { stopByPidFile } from "./processes.js";
import { ensureRedis, redisFiles } from "./redis.js";
import { resolveSettings, type ServiceOptions } from "./settings.js";

export interface Services {
  redisUrl: string;
  /** Its path names the database (`segflow` for the servers started here). */
  mongoUrl: string;
  /** Where MongoDB came from: `MONGO_URL`, a mongod on PATH, or FerretDB on PostgreSQL + DocumentDB. */
  mongoKind: MongoKind;
}

/**
 * Starts (or reuses) a local Redis and a MongoDB-protocol server for tests, the demo and the
 * benchmarks; `REDIS_URL` and `MONGO_URL` point at existing servers instead. The servers are
 * detached: they keep running after this process ends, and the next call reuses them within
 * milliseconds. Only servers this checkout started are reused (their pid and port files under
 * `.data`); a default port that something else holds moves ours to a free one. Nothing starts at
 * import time.
 */
export async function ensureServices(options: ServiceOptions = {}): Promise<Services> {
  const settings = resolveSettings(options);
  const [redisUrl, mongo] = await Promise.all([ensureRedis(settings), ensureMongo(settings)]);
  return { redisUrl, ...mongo };
}

/**
 * Stops the Redis, FerretDB, PostgreSQL and mongod that `ensureServices` started in this
 * checkout (found by their pid files under `.data`); their data stays. Servers named by
 * `REDIS_URL` or `MONGO_URL`, or started by anyone else, are left alone. Returns a line per
 * server stopped.
 */
export async function stopServices(options: Pick<ServiceOptions, "log"> = {}): Promise<string[]> {
  const settings = resolveSettings(options);
  // FerretDB before the PostgreSQL it uses; SIGINT is PostgreSQL's fast shutdown (SIGTERM would
  // wait for every client to leave).
  const servers = [
    { files: redisFiles(settings.dataDir), signal: "SIGTERM" },
    { files: ferretdbFiles(settings.dataDir), signal: "SIGTERM" },
    { files: postgresFiles(settings.dataDir), signal: "SIGINT" },
    { files: mongodFiles(settings.dataDir), signal: "SIGTERM" },
  ] as const;
  const stopped: string[] = [];
  for (const { files, signal } of servers) {
    const name = files.processName;
    const pid = await stopByPidFile(files.pidFile, name, { signal, graceMs: 30_000 });
    if (pid !== undefined) {
      stopped.push(`${name} (pid ${pid})`);
      settings.log(`stopped ${name} (pid ${pid})`);
    }
  }
  return stopped;
}
