import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join } from "node:path";

/** Full path of `name` in the first folder of `searchPath` (a PATH value) that has it, executable. */
export async function findExecutable(
  name: string,
  searchPath: string,
  extraDirs: readonly string[] = [],
): Promise<string | undefined> {
  const dirs = [...searchPath.split(delimiter), ...extraDirs].filter((dir) => dir !== "");
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
