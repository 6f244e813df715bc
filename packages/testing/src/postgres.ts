import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PostgresInstall } from "./postgres-install.js";
import { isAlive } from "./processes.js";
import { run } from "./run.js";
import { recordPort, type ServerFiles, serverFiles } from "./server-files.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf } from "./wait.js";

export const postgresFiles = (dataDir: string): ServerFiles => serverFiles(dataDir, "postgres");

/**
 * What FerretDB's DocumentDB needs preloaded and set (vendor/README.md), and what suits a local
 * test server. Rewritten at every start, so that a changed setting here reaches existing clusters.
 */
const SETTINGS = `# Written by segflow (packages/testing/src/postgres.ts) at every start; edits are lost.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''    # TCP only: a socket path under a deep checkout can exceed 107 bytes
max_connections = 300           # FerretDB pools per client; tests run many clients at once
shared_buffers = 512MB
synchronous_commit = off        # a crash may lose the last commits, never consistency: fine for tests
shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'
cron.database_name = 'postgres'
documentdb.indexBuildScheduleInSec = 60   # Debian's pg_cron 1.4 refuses DocumentDB's default (seconds)
documentdb.enableCompact = true
documentdb.enableLetAndCollationForQueryMatch = true
documentdb.enableNowSystemVariable = true
documentdb.enableSortbyIdPushDownToPrimaryKey = true
documentdb.enableSchemaValidation = true
documentdb.enableBypassDocumentValidation = true
documentdb.enableUserCrud = true
documentdb.maxUserLimit = 100
`;

/**
 * Starts this checkout's PostgreSQL cluster with DocumentDB (creating it on first use), detached,
 * and returns the URL FerretDB connects with. As root the cluster runs as the `postgres` system
 * user, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(
  settings: Settings,
  install: PostgresInstall,
  port: number,
): Promise<string> {
  const files = postgresFiles(settings.dataDir);
  const owner = await clusterOwner();
  const cluster = await clusterDir(settings, owner);
  await mkdir(settings.dataDir, { recursive: true });
  await writeFile(files.logFile, "", { flag: "a" });
  if (owner !== undefined) await chown(files.logFile, owner.uid, owner.gid);
  const as = { user: owner, logFile: files.logFile };
  if (!existsSync(join(cluster, "PG_VERSION"))) {
    settings.log(`mongo: creating a PostgreSQL cluster in ${cluster}`);
    // No locale: C collation, the same byte order as MongoDB's simple collation.
    await run(
      join(install.binDir, "initdb"),
      ["-D", cluster, "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8"],
      as,
    );
    await appendFile(join(cluster, "postgresql.conf"), "\ninclude 'segflow.conf'\n");
  }
  await writeFile(join(cluster, "segflow.conf"), SETTINGS);
  if (owner !== undefined) await chown(join(cluster, "segflow.conf"), owner.uid, owner.gid);
  const logStart = await logSize(files.logFile);
  settings.log(
    `mongo: starting PostgreSQL ${install.binDir.split("/").at(-2)} on port ${port} (log: ${files.logFile})`,
  );
  try {
    // biome-ignore format: one option a line reads best
    await run(join(install.binDir, "pg_ctl"), [
      "start",
      "-D", cluster,
      "-l", files.logFile,
      "-o", `-p ${port}`,
      "-w", "-t", "60", // returns once it accepts connections
    ], as);
  } catch (error) {
    throw new Error(`${(error as Error).message}${await tailOf(files.logFile, logStart)}`);
  }
  await writeFile(files.pidFile, `${await postmasterPid(cluster)}\n`);
  await recordPort(files, port);
  // Idempotent, and cheap once done: the first time it takes a second or two.
  await run(
    join(install.binDir, "psql"),
    [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-v",
      "ON_ERROR_STOP=1",
      "-q",
      "-c",
      "CREATE EXTENSION IF NOT EXISTS documentdb CASCADE",
    ],
    { logFile: files.logFile },
  );
  return postgresUrl(port);
}

export const postgresUrl = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** The first line of postmaster.pid: the server's pid. */
async function postmasterPid(cluster: string): Promise<number> {
  const pid = Number.parseInt((await readFile(join(cluster, "postmaster.pid"), "utf8")).split("\n")[0]!, 10);
  if (!Number.isInteger(pid) || !isAlive(pid))
    throw new Error(`PostgreSQL in ${cluster} started but is not running`);
  return pid;
}

/** The `postgres` system user when we are root (PostgreSQL will not run as root), else ourselves. */
async function clusterOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = await readFile("/etc/passwd", "utf8");
  const fields = passwd
    .split("\n")
    .find((line) => line.startsWith("postgres:"))
    ?.split(":");
  if (fields === undefined)
    throw new Error("running as root, and there is no `postgres` user to run PostgreSQL as");
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/**
 * `.data/postgres`, owned by the cluster's user. When that user cannot reach it (as root in a
 * checkout under a private home folder), a folder under /var/lib/segflow named for the checkout.
 */
async function clusterDir(
  settings: Settings,
  owner: { uid: number; gid: number } | undefined,
): Promise<string> {
  let dir = postgresFiles(settings.dataDir).dir;
  if (owner !== undefined && !(await othersCanEnter(dirname(dir)))) {
    const checkout = createHash("sha256").update(settings.repoRoot).digest("hex").slice(0, 12);
    dir = join("/var/lib/segflow", checkout, "postgres");
    settings.log(`mongo: the postgres user cannot enter ${settings.dataDir}; the cluster lives in ${dir}`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
  return dir;
}

/** Whether every folder from the root down to `dir` lets other users through (o+x). */
async function othersCanEnter(dir: string): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  for (let d = dir; ; d = dirname(d)) {
    if (((await stat(d)).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}
