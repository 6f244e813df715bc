import { ensureDebianPackages } from "./debian-packages.js";
import { findExecutable } from "./executables.js";
import type { Settings } from "./settings.js";

const HOW_TO_INSTALL =
  "chromium not found on PATH: the console's browser tests drive Debian's Chromium through playwright-core " +
  "(which downloads no browser of its own); install it (Debian/Ubuntu: `apt-get install chromium`) " +
  "and run the tests again";

const DIRS = ["/usr/bin"];

/**
 * Path of Debian's `chromium` (`/usr/bin/chromium`), which the browser tests launch with
 * playwright-core's `executablePath`. When it is missing and we may (root, Debian, apt-get),
 * installs Debian's chromium package, as a fresh build machine needs; anywhere else, says what
 * to install.
 */
export async function chromiumExecutable(settings: Settings): Promise<string> {
  const found = await findExecutable("chromium", settings.searchPath, DIRS);
  if (found !== undefined) return found;
  await ensureDebianPackages(settings, ["chromium"], "chromium not found", HOW_TO_INSTALL);
  const path = await findExecutable("chromium", settings.searchPath, DIRS);
  if (path === undefined) throw new Error("apt-get installed chromium but it is not on PATH");
  return path;
}
