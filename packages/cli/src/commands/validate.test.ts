import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEGMENTS, tempFiles } from "../testing/fixtures.js";
import { memoryIo } from "../testing/memory-io.js";
import { runValidate } from "./validate.js";

let files: Awaited<ReturnType<typeof tempFiles>>;

beforeAll(async () => {
  files = await tempFiles({
    "segments.json": JSON.stringify(SEGMENTS),
    "one.json": JSON.stringify([SEGMENTS[1]]),
    "cycle.json": JSON.stringify([
      { id: "a", definition: 'inSegment("b")' },
      { id: "b", definition: 'inSegment("a")' },
    ]),
    "not-array.json": "{}",
  });
});

afterAll(() => files.remove());

describe("runValidate", () => {
  it("prints ok and the number of segments", async () => {
    const { io, stdout } = memoryIo();
    await runValidate({ segments: files.path("segments.json") }, io);
    expect(stdout()).toBe("ok: 3 segments\n");
  });

  it("says segment, not segments, for one", async () => {
    const { io, stdout } = memoryIo();
    await runValidate({ segments: files.path("one.json") }, io);
    expect(stdout()).toBe("ok: 1 segment\n");
  });

  it("fails with exit 2 and the language errors", async () => {
    const { io, stdout } = memoryIo();
    await expect(runValidate({ segments: files.path("cycle.json") }, io)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^segment "(a|b)": \d+:\d+: .*cycle/m),
    });
    expect(stdout()).toBe("");
  });

  it("fails with exit 2 for a segments file of the wrong shape", async () => {
    const { io } = memoryIo();
    await expect(runValidate({ segments: files.path("not-array.json") }, io)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("expected an array"),
    });
  });
});
