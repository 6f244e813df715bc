/**
 * End to end: the real executable in a child process. Most tests run src/main.ts through tsx
 * (no build needed, workspace packages resolved to their sources); one runs the built bin the
 * way users do, when `npm run build` has made dist/ (the root `npm test` builds first).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_OUTPUT, NOW, PROFILES, SEGMENTS, tempFiles, toJsonl } from "./testing/fixtures.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const mainTs = join(packageDir, "src/main.ts");
const builtBin = join(repoRoot, "node_modules/.bin/segflow");

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `segflow args…` from source; `stdin` is written to the child's stdin. */
function segflow(args: string[], options: { stdin?: string; nodeOptions?: string[] } = {}): Promise<Result> {
  const nodeArgs = [...(options.nodeOptions ?? []), "--conditions=segflow-source", "--import", "tsx", mainTs];
  return run(process.execPath, [...nodeArgs, ...args], options.stdin);
}

async function run(command: string, args: string[], stdin = ""): Promise<Result> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(stdin);
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}

let files: Awaited<ReturnType<typeof tempFiles>>;

const CHURN = { name: "Churn", type: "churn", goal: "type is not null", windowDays: 30 };

beforeAll(async () => {
  files = await tempFiles({
    "segments.json": JSON.stringify(SEGMENTS),
    "invalid.json": JSON.stringify([...SEGMENTS, { id: "lapsed", definition: "daysSince(lastSeen) >= and" }]),
    "profiles.jsonl": toJsonl(PROFILES),
    "malformed.jsonl": toJsonl(PROFILES.slice(0, 2)) + "\n" + "{not json}\n" + toJsonl(PROFILES.slice(2)),
    "churn.json": JSON.stringify(CHURN),
    "bad-goal.json": JSON.stringify({ ...CHURN, goal: "type is not" }),
  });
});

afterAll(() => files.remove());

const expected = EXPECTED_OUTPUT.join("\n") + "\n";

// Each test is its own child process, so they can run at once.
describe.concurrent("segflow evaluate (child process)", () => {
  it("evaluates a profiles file", async () => {
    const result = await segflow([
      "evaluate",
      "--segments",
      files.path("segments.json"),
      "--profiles",
      files.path("profiles.jsonl"),
      "--now",
      NOW,
    ]);
    expect(result).toEqual({ code: 0, stdout: expected, stderr: "" });
  });

  it("reads stdin with --profiles -", async () => {
    const args = ["evaluate", "-s", files.path("segments.json"), "-p", "-", "-n", NOW];
    const result = await segflow(args, { stdin: toJsonl(PROFILES) });
    expect(result).toEqual({ code: 0, stdout: expected, stderr: "" });
  });

  it("exits 2 for an invalid definition, with the error on stderr and nothing on stdout", async () => {
    const args = [
      "evaluate",
      "-s",
      files.path("invalid.json"),
      "-p",
      files.path("profiles.jsonl"),
      "-n",
      NOW,
    ];
    const result = await segflow(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^segment "lapsed": 1:24: expected a value after ">=", found "and"\n/);
    expect(result.stderr).toMatch(/^(segment "lapsed": 1:\d+: .+\n)+$/);
  });

  it("exits 2 for a bad --now", async () => {
    const args = ["evaluate", "-s", files.path("segments.json"), "-p", files.path("profiles.jsonl")];
    const result = await segflow([...args, "--now", "2026-02-30"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('--now: "2026-02-30" is not a valid instant');
  });

  it("exits 2 when --now is missing: results must be reproducible", async () => {
    const result = await segflow(["evaluate", "-s", files.path("segments.json"), "-p", "-"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '-n, --now <instant>' not specified");
  });

  it("exits 1 at a malformed line with FILE:LINE on stderr", async () => {
    const path = files.path("malformed.jsonl");
    const result = await segflow(["evaluate", "-s", files.path("segments.json"), "-p", path, "-n", NOW]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")}:4: not valid JSON: .+\n$`));
    expect(result.stdout).toBe(EXPECTED_OUTPUT.slice(0, 2).join("\n") + "\n");
  });

  it("streams a large file in bounded memory", async () => {
    // 20,000 profiles of about 4 KB: an 80 MB file, evaluated with a 48 MB heap. Holding the
    // file (or its parsed profiles) in memory would run out of heap and crash.
    const total = 20_000;
    const path = files.path("large.jsonl");
    const out = createWriteStream(path);
    const padding = "x".repeat(4000);
    for (let i = 0; i < total; i++) {
      const profile = {
        id: `p-${i}`,
        attributes: { country: i % 3 === 0 ? "US" : "FR", loyalty: { tier: "gold" }, padding },
        events: [{ type: "purchase", timestamp: i % 2 ? "2026-11-25T00:00:00Z" : "2025-01-01T00:00:00Z" }],
      };
      if (!out.write(JSON.stringify(profile) + "\n")) await once(out, "drain");
    }
    out.end();
    await once(out, "close");

    const args = ["evaluate", "-s", files.path("segments.json"), "-p", path, "-n", NOW];
    const result = await segflow(args, { nodeOptions: ["--max-old-space-size=48"] });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(total);
    const segmentsOf = (i: number) => [
      ...(i % 3 === 0 ? ["gold-us", "us"] : []),
      ...(i % 2 ? ["recent-buyer"] : []),
    ];
    for (const i of [0, 1, 2, 3, 9_999, total - 1]) {
      expect(JSON.parse(lines[i]!)).toEqual({ id: `p-${i}`, segments: segmentsOf(i) });
    }
  });
});

describe.concurrent("segflow validate (child process)", () => {
  it("prints ok: N segments", async () => {
    const result = await segflow(["validate", "--segments", files.path("segments.json")]);
    expect(result).toEqual({ code: 0, stdout: "ok: 3 segments\n", stderr: "" });
  });

  it("exits 2 with the errors", async () => {
    const result = await segflow(["validate", "--segments", files.path("invalid.json")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^segment "lapsed": /);
  });
});

describe.concurrent("segflow propensity fit (child process)", () => {
  const fit = (model: string) =>
    segflow([
      "propensity",
      "fit",
      "-p",
      files.path("profiles.jsonl"),
      "-m",
      files.path(model),
      "-n",
      NOW,
      "-o",
      files.path(`${model}.scores.jsonl`),
    ]);

  it("exits 2 for an invalid goal, the error positioned in the goal", async () => {
    const result = await fit("bad-goal.json");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`^${files.path("bad-goal.json").replace(/[.\\/]/g, "\\$&")}: goal: 1:12: `),
    );
  });

  it("exits 1 when four profiles are too few to train on", async () => {
    const result = await fit("churn.json");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /\ntraining data fails its checks: \d+ positive training examples \(churned\); at least 500 are needed; /,
    );
  });
});

describe("the built bin", () => {
  it.skipIf(!existsSync(join(packageDir, "dist/main.js")))(
    "node_modules/.bin/segflow evaluates (dist/ built by npm run build)",
    async () => {
      const args = ["evaluate", "-s", files.path("segments.json"), "-p", "-", "-n", NOW];
      const result = await run(builtBin, args, toJsonl(PROFILES));
      expect(result).toEqual({ code: 0, stdout: expected, stderr: "" });
    },
  );
});
