import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownedPort, recordPort, serverFiles } from "./server-files.js";

describe("ownedPort", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "segflow-server-files-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is the recorded port while the pid file names a live process of that name", async () => {
    const files = serverFiles(dir, "mine", "node"); // this test runs in node
    await writeFile(files.pidFile, String(process.pid));
    await recordPort(files, 12345);
    expect(await ownedPort(files)).toBe(12345);
  });

  it("is undefined when the live process is not the named server (a reused pid)", async () => {
    const files = serverFiles(dir, "other", "redis-server");
    await writeFile(files.pidFile, String(process.pid));
    await recordPort(files, 12345);
    expect(await ownedPort(files)).toBeUndefined();
  });

  it("is undefined when nothing was started (no pid file)", async () => {
    expect(await ownedPort(serverFiles(dir, "never"))).toBeUndefined();
  });
});
