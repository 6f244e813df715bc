import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import { parseSegments, readSegments } from "./read-segments.js";
import { tempFiles } from "./testing/fixtures.js";

function problem(text: string): CliError {
  try {
    parseSegments(text, "s.json");
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return error as CliError;
  }
  throw new Error("expected parseSegments to fail");
}

describe("parseSegments", () => {
  it("reads id and definition, in order, ignoring other fields", () => {
    const text = JSON.stringify([
      { id: "b", definition: "x = 1", name: "Bee", streaming: true },
      { id: "a", definition: "y = 2" },
    ]);
    expect(parseSegments(text, "s.json")).toEqual([
      { id: "b", definition: "x = 1" },
      { id: "a", definition: "y = 2" },
    ]);
  });

  it("accepts an empty array and a byte order mark", () => {
    expect(parseSegments("\uFEFF[]", "s.json")).toEqual([]);
  });

  it("says where the JSON breaks, as a line and column", () => {
    expect(problem('[\n  {"id": "a", "definition": "x = 1"}\n  {"id": "b"}\n]').message).toMatch(
      /^s\.json: not valid JSON: .*line 3 column 3/,
    );
  });

  it.each([
    ["{}", "an object"],
    ["null", "null"],
    ['"a"', "a string"],
  ])("rejects %s, which is not an array", (text, found) => {
    expect(problem(text).message).toBe(
      `s.json: expected an array of {"id", "definition"} objects, found ${found}`,
    );
  });

  it("lists every malformed entry with its index and field", () => {
    const text = JSON.stringify([
      { id: "ok", definition: "x = 1" },
      "x = 1",
      { id: 3, definition: "x = 1" },
      { id: "c" },
      { id: "", definition: 1 },
    ]);
    expect(problem(text).message.split("\n")).toEqual([
      's.json: [1]: expected an object with "id" and "definition", found a string',
      "s.json: [2].id: expected a non-empty string, found a number",
      "s.json: [3].definition: missing",
      "s.json: [4].id: expected a non-empty string, found a string",
      "s.json: [4].definition: expected a string, found a number",
    ]);
  });
});

describe("readSegments", () => {
  it("reads a file", async () => {
    const files = await tempFiles({ "s.json": '[{"id":"a","definition":"x = 1"}]' });
    try {
      expect(await readSegments(files.path("s.json"))).toEqual([{ id: "a", definition: "x = 1" }]);
    } finally {
      await files.remove();
    }
  });

  it("fails with exit 2 and the path when the file cannot be read", async () => {
    await expect(readSegments("/nonexistent/s.json")).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^cannot read segments file \/nonexistent\/s\.json: ENOENT/),
    });
  });
});
