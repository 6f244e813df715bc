import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ensureDocumentdb } from "./documentdb-build.js";
import { findExecutable } from "./executables.js";
import { ferretdbFiles, startFerretdb } from "./ferretdb.js";
import { ferretdbBinary } from "./ferretdb-build.js";
import { withLock } from "./lock.js";
import { mongoPing } from "./mongo-ping.js";
import { mongodFiles, startMongod } from "./mongod.js";
import { portToStart } from "./ports.js";
import { postgresFiles, postgresUrl, startPostgres } from "./postgres.js";
import { stopByPidFile } from "./processes.js";
import { ownedPort } from "./server-files.js";
import { DATABASE_NAME, type Settings } from "./settings.js";

export type MongoKind = "external" | "mongod" | "ferretdb";

/**
 * A MongoDB URL naming the database: `MONGO_URL` as is; else the server this checkout started,
 * when it still runs; else a mongod from PATH; else FerretDB 2 on PostgreSQL + DocumentDB (both
 * built once per machine, see ferretdb-build.ts and documentdb-build.ts). Production runs real
 * MongoDB; FerretDB only stands in where no mongod is installed.
 */
export async function ensureMongo(settings: Settings): Promise<{ mongoUrl: string; mongoKind: MongoKind }> {
  if (settings.mongoUrl !== undefined) {
    settings.log("mongo: using MONGO_URL");
    return { mongoUrl: settings.mongoUrl, mongoKind: "external" };
  }
  const reused = await reuseOwned(settings);
  if (reused !== undefined) return reused;
  const mongod = await findExecutable("mongod", settings.searchPath);
  // Built (or found in the cache) before taking the start lock: a first build takes minutes.
  const [ferretdb, postgres] =
    mongod === undefined
      ? await Promise.all([ferretdbBinary(settings), ensureDocumentdb(settings)])
      : [undefined, undefined];
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: "starting a MongoDB server", timeoutMs: 120_000, log: settings.log };
  return withLock(join(settings.dataDir, "mongo.lock"), lock, async () => {
    const started = await reuseOwned(settings); // by whoever held the lock
    if (started !== undefined) return started;
    const port = await portToStart(settings.mongoPort, "mongo", settings.log);
    if (mongod !== undefined) {
      await startMongod(mongod, settings, port);
      return { mongoUrl: urlOf(port), mongoKind: "mongod" };
    }
    // A FerretDB of ours that outlived its PostgreSQL answers nothing useful: replace it.
    await stopByPidFile(ferretdbFiles(settings.dataDir).pidFile, "ferretdb");
    let pgPort = await ownedPort(postgresFiles(settings.dataDir));
    if (pgPort === undefined) {
      pgPort = await portToStart(settings.postgresPort, "postgres", settings.log);
      await startPostgres(settings, postgres!, pgPort);
    }
    await startFerretdb(ferretdb!, settings, port, postgresUrl(pgPort));
    return { mongoUrl: urlOf(port), mongoKind: "ferretdb" };
  });
}

const urlOf = (port: number): string => `mongodb://127.0.0.1:${port}/${DATABASE_NAME}`;

/** This checkout's mongod or FerretDB, when it runs and answers; FerretDB also needs its PostgreSQL. */
async function reuseOwned(
  settings: Settings,
): Promise<{ mongoUrl: string; mongoKind: MongoKind } | undefined> {
  for (const kind of ["ferretdb", "mongod"] as const) {
    const files = kind === "ferretdb" ? ferretdbFiles(settings.dataDir) : mongodFiles(settings.dataDir);
    const port = await ownedPort(files);
    if (port === undefined) continue;
    if (kind === "ferretdb" && (await ownedPort(postgresFiles(settings.dataDir))) === undefined) continue;
    const answer = await mongoPing(urlOf(port), 3000);
    if (!answer.ok) continue;
    settings.log(
      `mongo: reusing this checkout's ${kind === "ferretdb" ? "FerretDB" : "mongod"} on port ${port}`,
    );
    return { mongoUrl: urlOf(port), mongoKind: kind };
  }
  return undefined;
}
