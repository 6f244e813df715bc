import { ensureDebianPackages } from "./debian-packages.js";
import { findExecutable } from "./executables.js";
import type { Settings } from "./settings.js";

const HOW_TO_INSTALL =
  "redis-server not found on PATH: install Redis 7 (Debian/Ubuntu: `apt-get install redis-server`, " +
  "macOS: `brew install redis`) or set REDIS_URL to an existing server";

const DIRS = ["/usr/bin", "/usr/sbin"];

/**
 * Path of redis-server. When it is missing and we may (root, Debian, apt-get), installs Debian's
 * redis-server package; anywhere else, says what to install. The package also starts a system
 * Redis on 6379: harmless, ours runs on its own port.
 */
export async function redisServerBinary(settings: Settings): Promise<string> {
  const found = await findExecutable("redis-server", settings.searchPath, DIRS);
  if (found !== undefined) return found;
  await ensureDebianPackages(settings, ["redis-server"], "redis-server not found", HOW_TO_INSTALL);
  const path = await findExecutable("redis-server", settings.searchPath, DIRS);
  if (path === undefined) throw new Error("apt-get installed redis-server but it is not on PATH");
  return path;
}
