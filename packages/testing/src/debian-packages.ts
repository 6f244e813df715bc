import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { findExecutable } from "./executables.js";
import { withLock } from "./lock.js";
import { run } from "./run.js";
import type { Settings } from "./settings.js";

/** The packages of the list that dpkg does not report as installed. */
export async function missingDebianPackages(packages: readonly string[]): Promise<string[]> {
  if (!existsSync("/var/lib/dpkg/status")) return [...packages];
  const missing: string[] = [];
  for (const name of packages) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    const format = "-f=${Status}";
    const status = await run("dpkg-query", ["-W", format, name], { captureStdout: true }).catch(() => "");
    if (!status.includes("install ok installed")) missing.push(name);
  }
  return missing;
}

/**
 * Installs the Debian packages of the list that are missing, with apt-get, when we may (root on
 * Debian), as a fresh build machine needs; anywhere else throws `howTo`, which says what to install.
 * One installer at a time per checkout (apt holds its own lock, but would fail rather than wait).
 */
export async function ensureDebianPackages(
  settings: Settings,
  packages: readonly string[],
  why: string,
  howTo: string,
): Promise<void> {
  if ((await missingDebianPackages(packages)).length === 0) return;
  const aptGet = await findExecutable("apt-get", settings.searchPath, ["/usr/bin"]);
  if (aptGet === undefined || process.getuid?.() !== 0 || !existsSync("/etc/debian_version")) {
    throw new Error(howTo);
  }
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: "installing Debian packages", timeoutMs: 15 * 60_000, log: settings.log };
  await withLock(join(settings.dataDir, "apt-get.lock"), lock, async () => {
    const missing = await missingDebianPackages(packages);
    if (missing.length === 0) return; // installed by whoever held the lock
    const logFile = join(settings.dataDir, "apt-get.log");
    settings.log(`${why}: installing ${missing.join(" ")} with apt-get (log: ${logFile})`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await run(aptGet, ["update"], { env, logFile });
    await run(aptGet, ["install", "-y", "--no-install-recommends", ...missing], { env, logFile });
  });
}
