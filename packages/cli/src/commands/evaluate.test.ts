import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, LineError } from "../cli-error.js";
import { EXPECTED_OUTPUT, NOW, PROFILES, SEGMENTS, tempFiles, toJsonl } from "../testing/fixtures.js";
import { memoryIo } from "../testing/memory-io.js";
import { type EvaluateOptions, runEvaluate } from "./evaluate.js";

let files: Awaited<ReturnType<typeof tempFiles>>;

beforeAll(async () => {
  files = await tempFiles({
    "segments.json": JSON.stringify(SEGMENTS),
    "invalid.json": JSON.stringify([
      { id: "ok", definition: 'country = "US"' },
      { id: "lapsed", definition: "daysSince(lastSeen) >= and" },
      { id: "typo", definition: 'contry = "US" or' },
    ]),
    "profiles.jsonl": toJsonl(PROFILES),
    "malformed.jsonl": toJsonl(PROFILES.slice(0, 2)) + "\n" + '{"id": "p-9", "attributes": }\n',
    "no-id.jsonl": toJsonl([PROFILES[0], { attributes: {} }]),
  });
});

afterAll(() => files.remove());

function options(overrides: Partial<EvaluateOptions> = {}): EvaluateOptions {
  return {
    segments: files.path("segments.json"),
    profiles: files.path("profiles.jsonl"),
    now: NOW,
    ...overrides,
  };
}

async function failure(run: Promise<void>): Promise<CliError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("runEvaluate", () => {
  it("prints one line a profile, in input order, with segment ids in definition order", async () => {
    const { io, stdout } = memoryIo();
    await runEvaluate(options(), io);
    expect(stdout()).toBe(EXPECTED_OUTPUT.join("\n") + "\n");
  });

  it("reads the profiles from stdin with --profiles -", async () => {
    const { io, stdout } = memoryIo(toJsonl(PROFILES));
    await runEvaluate(options({ profiles: "-" }), io);
    expect(stdout()).toBe(EXPECTED_OUTPUT.join("\n") + "\n");
  });

  it("evaluates at --now: a purchase 11 days before is recent, 40 days before is not", async () => {
    const { io, stdout } = memoryIo();
    await runEvaluate(options({ now: "2026-12-30T10:00:00Z" }), io);
    expect(stdout()).toContain('{"id":"p-002","segments":[]}');
  });

  it("exits 2 with every language error, one a line, and prints nothing", async () => {
    const { io, stdout } = memoryIo();
    const error = await failure(runEvaluate(options({ segments: files.path("invalid.json") }), io));
    expect(error.exitCode).toBe(2);
    // At least the first error of each invalid definition, in definition order, one a line.
    const lines = error.message.split("\n");
    for (const line of lines) expect(line).toMatch(/^segment "(lapsed|typo)": 1:\d+: \S/);
    expect(lines[0]).toBe('segment "lapsed": 1:24: expected a value after ">=", found "and"');
    expect(lines.some((line) => line.startsWith('segment "typo": '))).toBe(true);
    expect(stdout()).toBe("");
  });

  it.each(["2026-13-01", "yesterday", "2026-12-01 00:00:00", "1733011200000", ""])(
    "exits 2 for --now %j, saying which forms are accepted",
    async (now) => {
      const { io, stdout } = memoryIo();
      const error = await failure(runEvaluate(options({ now }), io));
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(`--now: ${JSON.stringify(now)} is not a valid instant`);
      expect(error.message).toContain("YYYY-MM-DD");
      expect(stdout()).toBe("");
    },
  );

  it("exits 2 when the profiles file cannot be opened, or is a directory", async () => {
    for (const profiles of [files.path("missing.jsonl"), files.dir]) {
      const { io, stdout } = memoryIo();
      const error = await failure(runEvaluate(options({ profiles }), io));
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(`cannot read profiles file ${profiles}: `);
      expect(stdout()).toBe("");
    }
  });

  it("exits 1 at a malformed line, naming file and line, after printing the profiles before it", async () => {
    const { io, stdout } = memoryIo();
    const path = files.path("malformed.jsonl");
    const error = await failure(runEvaluate(options({ profiles: path }), io));
    expect(error).toBeInstanceOf(LineError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")}:4: not valid JSON: `));
    expect(stdout()).toBe(EXPECTED_OUTPUT.slice(0, 2).join("\n") + "\n");
  });

  it("exits 1 for a line that is JSON but not a profile", async () => {
    const { io } = memoryIo();
    const error = await failure(runEvaluate(options({ profiles: files.path("no-id.jsonl") }), io));
    expect(error.message).toBe(`${files.path("no-id.jsonl")}:2: missing "id"`);
  });

  it("names stdin <stdin> in line errors", async () => {
    const { io } = memoryIo("[1]\n");
    const error = await failure(runEvaluate(options({ profiles: "-" }), io));
    expect(error.message).toBe("<stdin>:1: expected a profile object, found an array");
  });

  it("streams: a slow reader of 20,000 results never has more than a bounded number pending", async () => {
    const total = 20_000;
    let produced = 0;
    function* profiles() {
      for (let i = 0; i < total; i++) {
        produced++;
        yield JSON.stringify({ id: `p-${i}`, attributes: { country: i % 2 ? "US" : "FR" } }) + "\n";
      }
    }
    let written = 0;
    let last = "";
    let maxPending = 0;
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        const lines = chunk.toString().split("\n");
        written += lines.length - 1;
        last = lines.at(-2) ?? last;
        maxPending = Math.max(maxPending, produced - written);
        setImmediate(callback);
      },
    });
    const { io } = memoryIo();
    await runEvaluate(options({ profiles: "-" }), { ...io, stdin: Readable.from(profiles()), stdout });
    expect(written).toBe(total);
    expect(last).toBe('{"id":"p-19999","segments":["us"]}');
    // Profiles read but not yet written: readline's queue plus one output chunk, a few thousand
    // at most. Reading everything before writing would make it 20,000.
    expect(maxPending).toBeLessThan(total / 4);
  });
});
