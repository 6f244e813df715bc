/**
 * Source patches applied to FerretDB before it is built. Each one fixes a defect that makes the
 * local stand-in behave unlike MongoDB in a way that matters to segflow; each is checked against
 * the exact text it replaces, so a different FerretDB version fails the build loudly instead of
 * silently building something else.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

interface SourcePatch {
  /** Why the patch exists, written into the build log. */
  why: string;
  file: string;
  from: string;
  to: string;
}

export const FERRETDB_PATCHES: readonly SourcePatch[] = [
  {
    // FerretDB 1.24's SQLite backend looks documents up by `_ferretdb_sjson->'$._id'`, but it
    // creates the unique `_id` index on `_ferretdb_sjson->"_id"`. SQLite only uses an index on an
    // expression that is written the same way, so every `{ _id: … }` find, update and delete
    // scans the whole collection: an update of one profile cost ~3 µs per profile in the
    // collection (65 ms at 20,000 profiles), where MongoDB uses its `_id` index. Writing the
    // lookup the way the index is written makes SQLite use it (same bug class upstream on
    // PostgreSQL: https://github.com/FerretDB/FerretDB/issues/4646). Semantics are unchanged:
    // for SQLite's `->`, a label without `$.` means the same object key.
    why: "use the _id index for _id lookups",
    file: "internal/backends/sqlite/metadata/metadata.go",
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
];

/**
 * Changes whenever the patches do: part of the cache folder's name, so that a binary built with
 * other patches is never reused.
 */
export const FERRETDB_PATCH_LEVEL = createHash("sha256")
  .update(JSON.stringify(FERRETDB_PATCHES))
  .digest("hex")
  .slice(0, 8);

export async function applyFerretdbPatches(sourceDir: string, log: (line: string) => void): Promise<void> {
  for (const patch of FERRETDB_PATCHES) {
    const path = join(sourceDir, patch.file);
    const text = await readFile(path, "utf8");
    const at = text.indexOf(patch.from);
    if (at < 0 || text.indexOf(patch.from, at + 1) >= 0) {
      throw new Error(
        `FerretDB patch "${patch.why}": expected exactly one \`${patch.from}\` in ${patch.file}`,
      );
    }
    await writeFile(path, text.replace(patch.from, patch.to));
    log(`patched ${patch.file}: ${patch.why}`);
  }
}
