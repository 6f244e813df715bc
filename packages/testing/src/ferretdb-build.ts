import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable, isExecutableFile } from "./executables.js";
import { withLock } from "./lock.js";
import { run } from "./run.js";
import { FERRETDB_VERSION, type Settings } from "./settings.js";

const MODULE = "github.com/FerretDB/FerretDB/v2";

/**
 * Path of a FerretDB binary, built once from the Go module proxy and cached outside the repository
 * (`${XDG_CACHE_HOME:-~/.cache}/segflow/ferretdb-<version>/ferretdb`).
 *
 * Why FerretDB at all: these build machines have no Docker engine and no mongod (MongoDB is not in
 * Debian's archive, and its own packages need a third-party apt repository). FerretDB speaks the
 * MongoDB wire protocol on top of PostgreSQL with the DocumentDB extension, so tests, the demo and
 * benchmarks run against it locally. Production runs real MongoDB.
 */
export async function ferretdbBinary(settings: Settings): Promise<string> {
  const dir = ferretdbCacheDir(settings);
  const binary = join(dir, "ferretdb");
  if (await isExecutableFile(binary)) return binary;
  await mkdir(dir, { recursive: true });
  const lock = { what: "building FerretDB", timeoutMs: 30 * 60_000, log: settings.log };
  return withLock(join(dir, "build.lock"), lock, async () => {
    if (await isExecutableFile(binary)) return binary; // built by whoever held the lock
    await build(settings, binary);
    return binary;
  });
}

const ferretdbCacheDir = (settings: Settings): string =>
  join(settings.cacheDir, `ferretdb-${FERRETDB_VERSION}`);

async function build(settings: Settings, binary: string): Promise<void> {
  const dir = ferretdbCacheDir(settings);
  const go = await findExecutable("go", settings.searchPath, ["/usr/local/go/bin"]);
  if (go === undefined) {
    throw new Error(
      `no mongod and no go on PATH: install Go 1.25 or newer (https://go.dev/dl/) so that FerretDB ` +
        `${FERRETDB_VERSION} can be built, or install MongoDB's mongod, or set MONGO_URL to an existing server`,
    );
  }
  const logFile = join(dir, "build.log");
  await writeFile(logFile, `building FerretDB ${FERRETDB_VERSION} at ${new Date().toISOString()}\n`);
  settings.log(
    `building FerretDB ${FERRETDB_VERSION} from the Go module proxy into ${binary} ` +
      `(once per machine; about 2 minutes on 2 cores; log: ${logFile})`,
  );
  const started = Date.now();
  await removeLeftovers(dir);
  const moduleDir = await downloadModule(go, logFile);
  const source = await mkdtemp(join(tmpdir(), "segflow-ferretdb-"));
  const partial = join(dir, `ferretdb.tmp-${process.pid}`);
  try {
    // The module cache is read-only; the build needs to write the version file into its copy.
    await cp(moduleDir, source, { recursive: true });
    await makeWritable(source);
    // FerretDB embeds build/version/version.txt, which the module zip lacks; without it the binary
    // panics at start ("Invalid build/version/version.txt file content").
    await writeFile(join(source, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
    // CGO_ENABLED=0: FerretDB is pure Go, so no C compiler is needed.
    const env = { ...process.env, CGO_ENABLED: "0" };
    await run(go, ["build", "-buildvcs=false", "-o", partial, "./cmd/ferretdb"], {
      cwd: source,
      env,
      logFile,
    });
    await run(partial, ["--version"], { logFile });
    // Renamed into place only once it works: a concurrent or interrupted build never leaves a
    // broken binary where the next run would pick it up.
    await rename(partial, binary);
  } finally {
    await rm(source, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
  settings.log(`built FerretDB in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** `go mod download -json`: fetches the module source into Go's module cache and says where. */
async function downloadModule(go: string, logFile: string): Promise<string> {
  const stdout = await run(go, ["mod", "download", "-json", `${MODULE}@${FERRETDB_VERSION}`], {
    cwd: tmpdir(), // outside any go.mod, so that the command resolves the module on its own
    logFile,
    captureStdout: true,
  });
  const info = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (info.Error !== undefined || info.Dir === undefined) {
    throw new Error(
      `go mod download ${MODULE}@${FERRETDB_VERSION} failed: ${info.Error ?? "no Dir in its output"}`,
    );
  }
  return info.Dir;
}

async function makeWritable(path: string): Promise<void> {
  const info = await stat(path);
  await chmod(path, info.mode | 0o200 | (info.isDirectory() ? 0o700 : 0));
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await makeWritable(join(path, entry));
}

/** Partial binaries of builds that were killed half-way (we hold the lock, so none is running). */
async function removeLeftovers(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith("ferretdb.tmp-")) await rm(join(dir, entry), { force: true });
  }
}
