import { ferretdbFiles } from "./ferretdb.js";
import { ensureMongo, type MongoKind } from "./mongo.js";
import { mongodFiles } from "./mongod.js";
import { stopByPidFile } from "./processes.js";
import { ensureRedis, redisFiles } from "./redis.js";
import { resolveSettings, type ServiceOptions } from "./settings.js";

export interface Services {
  redisUrl: string;
  /** Its path names the database (`segflow` for the servers started here). */
  mongoUrl: string;
  /** Where MongoDB came from: `MONGO_URL`, a mongod on PATH, or FerretDB. */
  mongoKind: MongoKind;
}

/**
 * Starts (or reuses) a local Redis and a MongoDB-protocol server for tests, the demo and the
 * benchmarks; `REDIS_URL` and `MONGO_URL` point at existing servers instead. The servers are
 * detached: they keep running after this process ends, and the next call reuses them within
 * milliseconds. Nothing starts at import time.
 */
export async function ensureServices(options: ServiceOptions = {}): Promise<Services> {
  const settings = resolveSettings(options);
  const [redisUrl, mongo] = await Promise.all([ensureRedis(settings), ensureMongo(settings)]);
  return { redisUrl, ...mongo };
}

/**
 * Stops the Redis, FerretDB and mongod that `ensureServices` started in this repository (found
 * by their pid files under `.data`); their data stays. Servers named by `REDIS_URL` or
 * `MONGO_URL`, or started by anyone else, are left alone. Returns a line per server stopped.
 */
export async function stopServices(options: Pick<ServiceOptions, "log"> = {}): Promise<string[]> {
  const settings = resolveSettings(options);
  const servers = [
    { name: "redis-server", pidFile: redisFiles(settings.dataDir).pidFile },
    { name: "ferretdb", pidFile: ferretdbFiles(settings.dataDir).pidFile },
    { name: "mongod", pidFile: mongodFiles(settings.dataDir).pidFile },
  ];
  const stopped: string[] = [];
  for (const server of servers) {
    const pid = await stopByPidFile(server.pidFile, server.name);
    if (pid !== undefined) {
      stopped.push(`${server.name} (pid ${pid})`);
      settings.log(`stopped ${server.name} (pid ${pid})`);
    }
  }
  return stopped;
}
