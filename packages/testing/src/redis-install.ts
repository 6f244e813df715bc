import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { findExecutable } from "./executables.js";
import { withLock } from "./lock.js";
import { run } from "./run.js";
import type { Settings } from "./settings.js";

const HOW_TO_INSTALL =
  "redis-server not found on PATH: install Redis 7 (Debian/Ubuntu: `apt-get install redis-server`, " +
  "macOS: `brew install redis`) or set REDIS_URL to an existing server";

/**
 * Path of redis-server. When it is missing and we may (root, Debian, apt-get), installs Debian's
 * redis-server package, as a fresh build machine needs; anywhere else, says what to install.
 * The package also starts a system Redis on 6379: harmless, ours runs on its own port.
 */
export async function redisServerBinary(settings: Settings): Promise<string> {
  const found = await findExecutable("redis-server", settings.searchPath, ["/usr/bin", "/usr/sbin"]);
  if (found !== undefined) return found;
  const aptGet = await findExecutable("apt-get", settings.searchPath, ["/usr/bin"]);
  if (aptGet === undefined || process.getuid?.() !== 0 || !existsSync("/etc/debian_version")) {
    throw new Error(HOW_TO_INSTALL);
  }
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: "installing redis-server", timeoutMs: 15 * 60_000, log: settings.log };
  return withLock(join(settings.dataDir, "redis-install.lock"), lock, async () => {
    const installed = await findExecutable("redis-server", settings.searchPath, ["/usr/bin", "/usr/sbin"]);
    if (installed !== undefined) return installed;
    const logFile = join(settings.dataDir, "redis-install.log");
    settings.log(
      `redis-server not found: installing Debian's redis-server package with apt-get (log: ${logFile})`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await run(aptGet, ["update"], { env, logFile });
    await run(aptGet, ["install", "-y", "redis-server"], { env, logFile });
    const path = await findExecutable("redis-server", settings.searchPath, ["/usr/bin", "/usr/sbin"]);
    if (path === undefined)
      throw new Error(`apt-get installed redis-server but it is not on PATH; see ${logFile}`);
    return path;
  });
}
