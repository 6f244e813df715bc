import { createHash } from "node:crypto";
import { cp, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { run } from "./run.js";
import type { Settings } from "./settings.js";

type Part = "documentdb" | "pgvector";

/** The vendored archives (vendor/README.md says where they come from) and their checksums. */
const VENDORED: Record<Part, { file: string; sha256: string; version: string }> = {
  documentdb: {
    file: "documentdb-3f80da9.tar.gz",
    sha256: "ef1d102a5551e54672de35cac552c73abe8f543b15c43efcd6ed4d40efc18578",
    version: "0.107-0 (3f80da9)",
  },
  pgvector: {
    file: "pgvector-0.8.0.tar.gz",
    sha256: "958aa543a05a60c3696f7fc3bc5722be5a1c413b0ee0e1811f898128526b9c8a",
    version: "0.8.0",
  },
};

/** The DocumentDB and pgvector sources to build, and a hash that names the build they give. */
export interface SourceSet {
  hash: string;
  /** For progress lines: versions, or the folders the environment named. */
  label: string;
  /** Puts the part's source tree under `work` and returns its folder. */
  unpack(part: Part, work: string, logFile: string): Promise<string>;
}

/** Each part from its `SEGFLOW_*_SOURCE` folder when set, else from its checked vendored archive. */
export async function sourceSet(settings: Settings): Promise<SourceSet> {
  const folders: Record<Part, string | undefined> = {
    documentdb: settings.documentdbSource,
    pgvector: settings.pgvectorSource,
  };
  const parts = (["documentdb", "pgvector"] as const).map(async (part) => {
    const folder = folders[part];
    if (folder !== undefined) {
      return { part, folder, hash: await folderHash(folder), label: `${part} from ${folder}` };
    }
    const archive = join(settings.vendorDir, VENDORED[part].file);
    const hash = createHash("sha256")
      .update(await readFile(archive))
      .digest("hex");
    if (hash !== VENDORED[part].sha256) {
      throw new Error(`${archive}: sha256 ${hash}, expected ${VENDORED[part].sha256} (vendor/README.md)`);
    }
    return { part, archive, hash, label: `${part} ${VENDORED[part].version}` };
  });
  const resolved = await Promise.all(parts);
  return {
    hash: createHash("sha256")
      .update(resolved.map((p) => p.hash).join("\n"))
      .digest("hex"),
    label: resolved.map((p) => p.label).join(", "),
    async unpack(part, work, logFile) {
      const source = resolved.find((p) => p.part === part)!;
      const target = join(work, part);
      if ("folder" in source) await cp(source.folder!, target, { recursive: true });
      else await run("tar", ["-xzf", source.archive, "-C", work], { logFile }); // unpacks into <part>/
      return target;
    },
  };
}

/** A hash of every file's path and content under a folder (sources are a few MB: cheap). */
async function folderHash(folder: string): Promise<string> {
  const hash = createHash("sha256");
  const files = (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !`${entry.parentPath}/`.includes("/.git/"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash
      .update(relative(folder, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}
