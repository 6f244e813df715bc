import { homedir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "./repo-root.js";

/** FerretDB release built when no mongod is on PATH: the MongoDB protocol on PostgreSQL + DocumentDB. */
export const FERRETDB_VERSION = "v2.7.0";

/** PostgreSQL major version the DocumentDB extension is built for (Debian 12's). */
export const POSTGRES_MAJOR = 15;

/** Database named in the MONGO_URL we hand out for the servers we start. */
export const DATABASE_NAME = "segflow";

export interface ServiceOptions {
  /**
   * Start Redis with AOF persistence (`--appendonly yes`), so that queued jobs survive a restart;
   * the demo asks for it. A Redis of this checkout that already runs gets `CONFIG SET appendonly yes`.
   * @defaultValue false
   */
  aof?: boolean;
  /** Where progress lines go. @defaultValue one line on stderr each */
  log?: (line: string) => void;
}

/** A port asked for, and whether the user asked (then a taken port is an error, not a reason to move). */
export interface PortChoice {
  port: number;
  /** The environment variable that sets it, named in errors. */
  variable: string;
  explicit: boolean;
}

/** Everything the service starters need, resolved once from options and the environment. */
export interface Settings {
  repoRoot: string;
  /** `<repo>/.data`: git-ignored home of the local servers' data, logs, pid and port files. */
  dataDir: string;
  /** `<repo>/vendor`: the DocumentDB and pgvector sources (vendor/README.md). */
  vendorDir: string;
  /** `REDIS_URL`: when set, Redis is used as is and nothing is started. */
  redisUrl: string | undefined;
  /** `MONGO_URL`: when set, MongoDB is used as is and nothing is started. */
  mongoUrl: string | undefined;
  redisPort: PortChoice;
  mongoPort: PortChoice;
  postgresPort: PortChoice;
  /** `${XDG_CACHE_HOME:-~/.cache}/segflow`: built binaries and extensions, outside the repo. */
  cacheDir: string;
  /** `SEGFLOW_DOCUMENTDB_SOURCE`: an unpacked DocumentDB source folder to build instead of vendor/. */
  documentdbSource: string | undefined;
  /** `SEGFLOW_PGVECTOR_SOURCE`: an unpacked pgvector source folder to build instead of vendor/. */
  pgvectorSource: string | undefined;
  /** `PATH`, searched for redis-server, mongod and go. */
  searchPath: string;
  aof: boolean;
  log: (line: string) => void;
}

/** The one place in this package that reads the environment. */
export function resolveSettings(
  options: ServiceOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Settings {
  const repoRoot = findRepoRoot();
  const cacheHome = nonEmpty(env.XDG_CACHE_HOME) ?? join(homedir(), ".cache");
  return {
    repoRoot,
    dataDir: join(repoRoot, ".data"),
    vendorDir: join(repoRoot, "vendor"),
    redisUrl: nonEmpty(env.REDIS_URL),
    mongoUrl: nonEmpty(env.MONGO_URL),
    redisPort: portChoice(env, "SEGFLOW_REDIS_PORT", 6390),
    mongoPort: portChoice(env, "SEGFLOW_MONGO_PORT", 27027),
    postgresPort: portChoice(env, "SEGFLOW_POSTGRES_PORT", 54327),
    cacheDir: join(cacheHome, "segflow"),
    documentdbSource: nonEmpty(env.SEGFLOW_DOCUMENTDB_SOURCE),
    pgvectorSource: nonEmpty(env.SEGFLOW_PGVECTOR_SOURCE),
    searchPath: env.PATH ?? "",
    aof: options.aof ?? false,
    log: options.log ?? ((line) => process.stderr.write(`services: ${line}\n`)),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function portChoice(env: NodeJS.ProcessEnv, variable: string, fallback: number): PortChoice {
  const text = nonEmpty(env[variable]);
  if (text === undefined) return { port: fallback, variable, explicit: false };
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a TCP port number (1-65535), got "${text}"`);
  }
  return { port, variable, explicit: true };
}
