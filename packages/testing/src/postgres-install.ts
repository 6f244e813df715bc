import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureDebianPackages } from "./debian-packages.js";
import { run } from "./run.js";
import { POSTGRES_MAJOR, type Settings } from "./settings.js";

/** Where a PostgreSQL installation keeps its programs, extension files and libraries. */
export interface PostgresInstall {
  binDir: string;
  pgConfig: string;
  /** `pg_config --sharedir`: extension control and SQL files go under `extension/`. */
  shareDir: string;
  /** `pg_config --pkglibdir`: extension libraries. */
  libDir: string;
}

/**
 * Debian's packages a DocumentDB cluster needs at run time: PostgreSQL itself and the extensions
 * that `CREATE EXTENSION documentdb CASCADE` pulls in besides pgvector (built with DocumentDB).
 */
const RUNTIME_PACKAGES = [
  `postgresql-${POSTGRES_MAJOR}`,
  `postgresql-${POSTGRES_MAJOR}-cron`,
  `postgresql-${POSTGRES_MAJOR}-rum`,
  `postgresql-${POSTGRES_MAJOR}-postgis-3`,
];

/**
 * PostgreSQL 15 as Debian lays it out (`/usr/lib/postgresql/15`), with the extensions DocumentDB
 * depends on; installed with apt-get when missing and we may (root on Debian).
 */
export async function postgresInstall(settings: Settings): Promise<PostgresInstall> {
  const binDir = `/usr/lib/postgresql/${POSTGRES_MAJOR}/bin`;
  await ensureDebianPackages(
    settings,
    RUNTIME_PACKAGES,
    "PostgreSQL for the local MongoDB",
    `the local MongoDB (FerretDB on PostgreSQL + DocumentDB) needs PostgreSQL ${POSTGRES_MAJOR} ` +
      `laid out as Debian does, with ${RUNTIME_PACKAGES.slice(1).join(", ")}; install them, or set ` +
      "MONGO_URL to an existing MongoDB",
  );
  const pgConfig = join(binDir, "pg_config");
  if (!existsSync(pgConfig)) throw new Error(`${pgConfig} is missing after installing PostgreSQL`);
  const [shareDir, libDir] = (await run(pgConfig, ["--sharedir", "--pkglibdir"], { captureStdout: true }))
    .trim()
    .split("\n");
  return { binDir, pgConfig, shareDir: shareDir!, libDir: libDir! };
}
