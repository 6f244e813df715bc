import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebianPackages } from "./debian-packages.js";
import { withLock } from "./lock.js";
import { type PostgresInstall, postgresInstall } from "./postgres-install.js";
import { run } from "./run.js";
import type { Settings } from "./settings.js";
import { type SourceSet, sourceSet } from "./sources.js";

/** Debian packages that compiling DocumentDB and pgvector needs (vendor/README.md). */
const BUILD_PACKAGES = [
  "postgresql-server-dev-15",
  "libbson-dev",
  "libpcre2-dev",
  "libintelrdfpmath-dev",
  "libkrb5-dev",
  "gcc",
  "make",
  "pkg-config",
];

/**
 * Makes sure PostgreSQL 15 has the DocumentDB extension that FerretDB 2 needs, and returns where
 * PostgreSQL is. In order of preference:
 * - an extension that something else installed (FerretDB's own DocumentDB packages) is used as is;
 * - one we installed from the same sources is used as is;
 * - otherwise the sources (vendor/, or the folders named by `SEGFLOW_DOCUMENTDB_SOURCE` and
 *   `SEGFLOW_PGVECTOR_SOURCE`) are compiled once into `~/.cache/segflow/documentdb-<hash>/` and
 *   installed into PostgreSQL from there; the hash covers the sources, so new sources build anew.
 */
export async function ensureDocumentdb(settings: Settings): Promise<PostgresInstall> {
  const postgres = await postgresInstall(settings);
  const sources = await sourceSet(settings);
  const state = await installedState(postgres, sources);
  if (state === "foreign") {
    settings.log("mongo: using the DocumentDB extension already installed in PostgreSQL 15");
    return postgres;
  }
  if (state === "ours") return postgres;
  const staged = await stagedBuild(settings, postgres, sources);
  const lock = { what: "installing DocumentDB", timeoutMs: 5 * 60_000, log: settings.log };
  await withLock(join(settings.dataDir, "documentdb-install.lock"), lock, async () => {
    if ((await installedState(postgres, sources)) === "ours") return;
    // The staged tree mirrors the file system (make install DESTDIR=…): copying it over / installs.
    await cp(staged, "/", { recursive: true, force: true });
    await writeFile(markerFile(postgres), `${sources.hash}\n`);
    settings.log(`mongo: installed DocumentDB ${sources.label} into PostgreSQL 15`);
  });
  return postgres;
}

/** Written next to the extension's control file: which sources the installed extension came from. */
function markerFile(postgres: PostgresInstall): string {
  return join(postgres.shareDir, "extension", "segflow-documentdb.sha256");
}

async function installedState(
  postgres: PostgresInstall,
  sources: SourceSet,
): Promise<"missing" | "ours" | "stale" | "foreign"> {
  const installed =
    existsSync(join(postgres.shareDir, "extension", "documentdb.control")) &&
    existsSync(join(postgres.libDir, "pg_documentdb.so")) &&
    existsSync(join(postgres.shareDir, "extension", "vector.control"));
  if (!installed) return "missing";
  const marker = await readFile(markerFile(postgres), "utf8").catch(() => undefined);
  if (marker === undefined) return "foreign";
  return marker.trim() === sources.hash ? "ours" : "stale";
}

/** The `make install` tree of the sources, built once per source hash and kept in the cache. */
async function stagedBuild(
  settings: Settings,
  postgres: PostgresInstall,
  sources: SourceSet,
): Promise<string> {
  const dir = join(settings.cacheDir, `documentdb-${sources.hash.slice(0, 16)}`);
  const stage = join(dir, "stage");
  const done = join(dir, "complete");
  if (existsSync(done)) return stage;
  await mkdir(dir, { recursive: true });
  const lock = { what: "building DocumentDB", timeoutMs: 30 * 60_000, log: settings.log };
  return withLock(join(dir, "build.lock"), lock, async () => {
    if (existsSync(done)) return stage; // built by whoever held the lock
    await ensureDebianPackages(
      settings,
      BUILD_PACKAGES,
      "building DocumentDB",
      `compiling DocumentDB needs these Debian packages: ${BUILD_PACKAGES.join(" ")}; install them ` +
        "(or FerretDB's DocumentDB packages for PostgreSQL 15), or set MONGO_URL to an existing MongoDB",
    );
    await rm(stage, { recursive: true, force: true });
    const logFile = join(dir, "build.log");
    await writeFile(logFile, `building DocumentDB ${sources.label} at ${new Date().toISOString()}\n`);
    settings.log(
      `mongo: building DocumentDB ${sources.label} for PostgreSQL 15, once per machine ` +
        `(about 2 minutes on 2 cores; log: ${logFile})`,
    );
    const started = Date.now();
    const work = await mkdtemp(join(tmpdir(), "segflow-documentdb-"));
    try {
      await compile(settings, postgres, sources, work, stage, logFile);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    await writeFile(done, `${new Date().toISOString()}\n`);
    settings.log(`mongo: built DocumentDB in ${Math.round((Date.now() - started) / 1000)} s`);
    return stage;
  });
}

async function compile(
  settings: Settings,
  postgres: PostgresInstall,
  sources: SourceSet,
  work: string,
  stage: string,
  logFile: string,
): Promise<void> {
  const pgvector = await sources.unpack("pgvector", work, logFile);
  const documentdb = await sources.unpack("documentdb", work, logFile);
  // DocumentDB's Makefiles ask pkg-config for `intelmathlib`, which Debian's package of Intel's
  // decimal math library does not ship: a .pc file of our own names its static library.
  const pkgConfigDir = join(work, "pkgconfig");
  await mkdir(pkgConfigDir);
  await writeFile(
    join(pkgConfigDir, "intelmathlib.pc"),
    "Name: intelmathlib\nDescription: Intel decimal floating-point math (libintelrdfpmath-dev)\n" +
      "Version: 2.0\nLibs: -L/usr/lib/x86_64-linux-gnu -lbidgcc000\nCflags: -I/usr/include\n",
  );
  const env = { ...process.env, PG_CONFIG: postgres.pgConfig, PKG_CONFIG_PATH: pkgConfigDir };
  // with_llvm=no: no JIT bitcode, so no clang is needed; DocumentDB runs the same without it.
  const common = [`PG_CONFIG=${postgres.pgConfig}`, "with_llvm=no"];
  const jobs = `-j${availableParallelism()}`;
  const steps: { name: string; dir: string; flags: string[] }[] = [
    // OPTFLAGS="": pgvector would otherwise compile with -march=native, unfit for a shared cache.
    { name: "pgvector", dir: pgvector, flags: ["OPTFLAGS="] },
    { name: "pg_documentdb_core", dir: join(documentdb, "pg_documentdb_core"), flags: [] },
    {
      name: "pg_documentdb",
      dir: join(documentdb, "pg_documentdb"),
      // DocumentDB targets libbson 1.28; Debian 12 has 1.23, which lacks this constant.
      flags: ["COPT=-DBSON_SUBTYPE_SENSITIVE=0x08 -Wno-error=switch"],
    },
  ];
  for (const step of steps) {
    const started = Date.now();
    await run("make", ["-C", step.dir, jobs, ...common, ...step.flags], { env, logFile });
    await run("make", ["-C", step.dir, "install", `DESTDIR=${stage}`, ...common, ...step.flags], {
      env,
      logFile,
    });
    settings.log(`mongo: compiled ${step.name} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
}
