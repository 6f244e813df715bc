import { homedir } from "node:os";
import { join } from "node:path";
import { FERRETDB_PATCH_LEVEL } from "./ferretdb-patches.js";
import { findRepoRoot } from "./repo-root.js";

/** FerretDB release built when no mongod is on PATH (the last 1.x, with the SQLite handler). */
export const FERRETDB_VERSION = "v1.24.2";

/** Database named in the MONGO_URL we hand out for the servers we start. */
export const DATABASE_NAME = "segflow";

export interface ServiceOptions {
  /**
   * Start Redis with AOF persistence (`--appendonly yes`), so that queued jobs survive a restart;
   * the demo asks for it. A Redis we reuse on our port gets `CONFIG SET appendonly yes`.
   * @defaultValue false
   */
  aof?: boolean;
  /** Where progress lines go. @defaultValue one line on stderr each */
  log?: (line: string) => void;
  /** Port of the Redis we start or reuse. @defaultValue `SEGFLOW_REDIS_PORT`, else 6390 */
  redisPort?: number;
  /** Port of the mongod or FerretDB we start or reuse. @defaultValue `SEGFLOW_MONGO_PORT`, else 27027 */
  mongoPort?: number;
}

/** Everything the service starters need, resolved once from options and the environment. */
export interface Settings {
  repoRoot: string;
  /** `<repo>/.data`: git-ignored home of the local servers' data, logs and pid files. */
  dataDir: string;
  /** `REDIS_URL`: when set, Redis is used as is and nothing is started. */
  redisUrl: string | undefined;
  /** `MONGO_URL`: when set, MongoDB is used as is and nothing is started. */
  mongoUrl: string | undefined;
  redisPort: number;
  mongoPort: number;
  /** `${XDG_CACHE_HOME:-~/.cache}/segflow/ferretdb-<version>-<patch level>`: the built binary, outside the repo. */
  ferretdbCacheDir: string;
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
    redisUrl: nonEmpty(env.REDIS_URL),
    mongoUrl: nonEmpty(env.MONGO_URL),
    redisPort: options.redisPort ?? parsePort("SEGFLOW_REDIS_PORT", env.SEGFLOW_REDIS_PORT) ?? 6390,
    mongoPort: options.mongoPort ?? parsePort("SEGFLOW_MONGO_PORT", env.SEGFLOW_MONGO_PORT) ?? 27027,
    ferretdbCacheDir: join(cacheHome, "segflow", `ferretdb-${FERRETDB_VERSION}-${FERRETDB_PATCH_LEVEL}`),
    searchPath: env.PATH ?? "",
    aof: options.aof ?? false,
    log: options.log ?? ((line) => process.stderr.write(`services: ${line}\n`)),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function parsePort(name: string, value: string | undefined): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port number (1-65535), got "${text}"`);
  }
  return port;
}
