import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyFerretdbPatches, FERRETDB_PATCH_LEVEL, FERRETDB_PATCHES } from "./ferretdb-patches.js";

describe("applyFerretdbPatches", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "segflow-patch-test-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeSources(transform: (text: string) => string): Promise<void> {
    for (const patch of FERRETDB_PATCHES) {
      await mkdir(dirname(join(dir, patch.file)), { recursive: true });
      await writeFile(join(dir, patch.file), transform(`before\n\t${patch.from}\nafter\n`));
    }
  }

  it("replaces exactly the expected text and nothing else", async () => {
    await writeSources((text) => text);
    const lines: string[] = [];
    await applyFerretdbPatches(dir, (line) => lines.push(line));
    for (const patch of FERRETDB_PATCHES) {
      expect(await readFile(join(dir, patch.file), "utf8")).toBe(`before\n\t${patch.to}\nafter\n`);
    }
    expect(lines).toHaveLength(FERRETDB_PATCHES.length);
  });

  it("fails, naming the file, when the source is not the one the patch was written for", async () => {
    await writeSources((text) => text.replace(/IDColumn = .*/, "IDColumn = somethingElse"));
    await expect(applyFerretdbPatches(dir, () => undefined)).rejects.toThrow(/metadata\.go/);
  });

  it("names a patch level that the cache folder carries", () => {
    expect(FERRETDB_PATCH_LEVEL).toMatch(/^[0-9a-f]{8}$/);
  });
});
