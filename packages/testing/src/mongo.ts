import { mkdir } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { findExecutable } from "./executables.js";
import { startFerretdb } from "./ferretdb.js";
import { ferretdbBinary } from "./ferretdb-build.js";
import { withLock } from "./lock.js";
import { mongoPing } from "./mongo-ping.js";
import { startMongod } from "./mongod.js";
import { DATABASE_NAME, type Settings } from "./settings.js";

export type MongoKind = "external" | "mongod" | "ferretdb";

/**
 * A MongoDB URL naming the database: `MONGO_URL` as is; else the server already answering on our
 * port; else a mongod from PATH; else FerretDB (built once, see ferretdb-build.ts). Production
 * runs real MongoDB; FerretDB only stands in where no mongod is installed.
 */
export async function ensureMongo(settings: Settings): Promise<{ mongoUrl: string; mongoKind: MongoKind }> {
  if (settings.mongoUrl !== undefined) {
    settings.log("mongo: using MONGO_URL");
    return { mongoUrl: settings.mongoUrl, mongoKind: "external" };
  }
  const port = settings.mongoPort;
  const mongoUrl = `mongodb://127.0.0.1:${port}/${DATABASE_NAME}`;
  const running = await runningKind(mongoUrl, port);
  if (running !== undefined) {
    settings.log(`mongo: reusing ${running === "ferretdb" ? "FerretDB" : "mongod"} on port ${port}`);
    return { mongoUrl, mongoKind: running };
  }
  const mongod = await findExecutable("mongod", settings.searchPath);
  // Built (or found in the cache) before taking the start lock: a build takes minutes.
  const ferretdb = mongod === undefined ? await ferretdbBinary(settings) : undefined;
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: `starting a MongoDB server on port ${port}`, timeoutMs: 120_000, log: settings.log };
  return withLock(join(settings.dataDir, "mongo.lock"), lock, async () => {
    const started = await runningKind(mongoUrl, port);
    if (started !== undefined) return { mongoUrl, mongoKind: started }; // by whoever held the lock
    if (mongod !== undefined) {
      await startMongod(mongod, settings, mongoUrl);
      return { mongoUrl, mongoKind: "mongod" };
    }
    await startFerretdb(ferretdb!, settings, mongoUrl);
    return { mongoUrl, mongoKind: "ferretdb" };
  });
}

/** The kind of server answering ping on the port, undefined when nothing listens there. */
async function runningKind(mongoUrl: string, port: number): Promise<"mongod" | "ferretdb" | undefined> {
  if (!(await portListens(port))) return undefined;
  const answer = await mongoPing(mongoUrl, 3000);
  if (answer.ok) return answer.ferretdb ? "ferretdb" : "mongod";
  throw new Error(
    `port ${port} is taken by something that does not answer a MongoDB ping (${answer.error}); ` +
      "stop it, or pick another port with SEGFLOW_MONGO_PORT",
  );
}

function portListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
  });
}
