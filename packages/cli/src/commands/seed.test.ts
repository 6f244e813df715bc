/** segflow seed to JSON Lines: reproducible, in the profile shape `segflow evaluate` reads. */
import { readFile } from "node:fs/promises";
import { cutoffOf, DEMO_SEGMENTS, generatePopulation } from "@segflow/synthetic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, ExitCode } from "../cli-error.js";
import { tempFiles } from "../testing/fixtures.js";
import { memoryIo } from "../testing/memory-io.js";
import { runProgram } from "../testing/run-program.js";
import { runEvaluate } from "./evaluate.js";

const NOW = "2026-12-01T00:00:00Z";
let files: Awaited<ReturnType<typeof tempFiles>>;

beforeAll(async () => {
  files = await tempFiles({
    "segments.json": JSON.stringify(DEMO_SEGMENTS.map(({ id, definition }) => ({ id, definition }))),
  });
});
afterAll(() => files.remove());

const seedArgs = (out: string, profiles = 2000) => [
  "seed",
  "--profiles",
  String(profiles),
  "--seed",
  "42",
  "--now",
  NOW,
  "--out",
  out,
];

describe("segflow seed --out", () => {
  it("writes the same file byte for byte for the same options, and prints a summary", async () => {
    const first = await runProgram(seedArgs(files.path("a.jsonl")));
    const second = await runProgram(seedArgs(files.path("b.jsonl")));
    expect(first.error).toBeUndefined();
    const [a, b] = await Promise.all([readFile(files.path("a.jsonl")), readFile(files.path("b.jsonl"))]);
    expect(a.equals(b)).toBe(true);
    expect(first.stdout).toMatch(
      new RegExp(
        `^seeded 2,000 profiles and 38,768 events into ${files.path("a.jsonl").replace(/[.\\/]/g, "\\$&")} ` +
          "in \\d+\\.\\d s \\(seed 42, now 2026-12-01T00:00:00.000Z\\)\\n$",
      ),
    );
    expect(second.stdout.replace(/in \d+\.\d s/, "").replace("b.jsonl", "a.jsonl")).toBe(
      first.stdout.replace(/in \d+\.\d s/, ""),
    );
  });

  it("writes one profile a line in the shape of the segment language reference", async () => {
    const lines = (await readFile(files.path("a.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(2000);
    const generated = [...generatePopulation({ profiles: 2000, seed: 42, now: new Date(NOW) })];
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0].id).toBe("p-0001");
    expect(Object.keys(parsed[0])).toEqual(["id", "attributes", "events"]);
    expect(parsed[0].events[0]).toEqual({
      type: generated[0]!.events[0]!.type,
      timestamp: generated[0]!.events[0]!.timestamp.toISOString(),
      properties: generated[0]!.events[0]!.properties,
    });
    // Everything the generator made, and only that, once dates are ISO strings.
    expect(parsed).toEqual(
      generated.map(({ id, attributes, events }) => JSON.parse(JSON.stringify({ id, attributes, events }))),
    );
  });

  it("is read by segflow evaluate, and the demo segments find the planted behaviour", async () => {
    const { io, stdout, stderr } = memoryIo();
    await runEvaluate(
      { segments: files.path("segments.json"), profiles: files.path("a.jsonl"), now: NOW },
      io,
    );
    expect(stderr()).toBe("");
    const members = new Map<string, number>();
    for (const line of stdout().trimEnd().split("\n")) {
      for (const id of JSON.parse(line).segments as string[]) members.set(id, (members.get(id) ?? 0) + 1);
    }
    // Fixed seed, exact sizes (for 20,000 profiles they are in the synthetic package's README).
    expect(Object.fromEntries(members)).toEqual({
      "running-shoes-no-buy": 27,
      "cart-abandoners": 83,
      "high-spenders": 155,
      "lapsed-buyers": 313,
      vip: 111,
      "vip-at-risk": 42,
      "newsletter-clickers": 154,
    });
  });

  it("adds the truth with --truth, equal to the generator's", async () => {
    const { error } = await runProgram([...seedArgs(files.path("t.jsonl"), 50), "--truth"]);
    expect(error).toBeUndefined();
    const lines = (await readFile(files.path("t.jsonl"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const generated = [...generatePopulation({ profiles: 50, seed: 42, now: new Date(NOW) })];
    expect(lines.map((l) => l.truth)).toEqual(generated.map((p) => p.truth));
    expect(cutoffOf({ now: new Date(NOW) }).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("writes to stdout with --out -, the summary then on stderr", async () => {
    const { error, stdout, stderr } = await runProgram(seedArgs("-", 20));
    expect(error).toBeUndefined();
    expect(stdout.trimEnd().split("\n")).toHaveLength(20);
    expect(stdout.startsWith('{"id":"p-01",')).toBe(true);
    expect(stderr).toMatch(/^seeded 20 profiles and \d+ events into stdout in/);
  });

  it("draws a progress bar when stderr is a terminal", async () => {
    const { stderr } = await runProgram(
      [...seedArgs(files.path("bar.jsonl"), 3000), "--batch", "500"],
      {},
      { tty: true },
    );
    expect(stderr).toContain("seeding |");
    expect(stderr).toMatch(/100% \| 3000\/3000 profiles \| 5\d,\d{3} events/);
  });

  it("defaults --now to the current minute and says which it used", async () => {
    const before = Math.floor(Date.now() / 60_000) * 60_000;
    const { stderr } = await runProgram(["seed", "--profiles", "1", "--seed", "1", "--out", "-"]);
    const used = Date.parse(/now (\S+)\)/.exec(stderr)![1]!);
    expect(used % 60_000).toBe(0);
    expect(used).toBeGreaterThanOrEqual(before);
    expect(used).toBeLessThanOrEqual(Date.now());
  });

  it("passes the shape options to the generator", async () => {
    const args = [
      ...seedArgs("-", 300),
      "--events-per-profile",
      "50",
      "--history-days",
      "365",
      "--window-days",
      "60",
    ];
    const { stdout } = await runProgram(args);
    const events = stdout
      .trimEnd()
      .split("\n")
      .reduce((n, l) => n + JSON.parse(l).events.length, 0);
    expect(events / 300).toBeGreaterThan(30);
    const expected = [
      ...generatePopulation({
        profiles: 300,
        seed: 42,
        now: new Date(NOW),
        eventsPerProfile: 50,
        historyDays: 365,
        windowDays: 60,
      }),
    ];
    expect(events).toBe(expected.reduce((n, p) => n + p.events.length, 0));
  });
});

describe("segflow seed: usage errors (exit 2, nothing written)", () => {
  it.each([
    [
      ["--profiles", "10", "--seed", "1"],
      "say where to write: --out FILE.jsonl, --out - (stdout), or --mongo-url URL (or set MONGO_URL)",
    ],
    [
      ["--profiles", "10", "--seed", "1", "--out", "-", "--mongo-url", "mongodb://x/y"],
      "give either --out or --mongo-url, not both",
    ],
    [
      ["--profiles", "10", "--seed", "1", "--mongo-url", "mongodb://x/y", "--truth"],
      "--truth goes with --out: the truth is not stored in MongoDB",
    ],
    [["--profiles", "10", "--seed", "1", "--out", "-", "--replace"], "--replace goes with --mongo-url"],
    [
      ["--profiles", "10", "--seed", "1", "--out", "-", "--window-days", "200"],
      "--window-days (200) must be less than --history-days (180)",
    ],
  ])("%j", async (args, message) => {
    const { error, stdout } = await runProgram(["seed", ...args]);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: ExitCode.usage, message });
    expect(stdout).toBe("");
  });

  it.each([
    [["--profiles", "-3", "--seed", "1", "--out", "-"]],
    [["--profiles", "ten", "--seed", "1", "--out", "-"]],
    [["--profiles", "10", "--seed", "1.5", "--out", "-"]],
    [["--profiles", "10", "--seed", "1", "--out", "-", "--now", "2026-02-30"]],
    [["--profiles", "10", "--seed", "1", "--out", "-", "--batch", "0"]],
  ])("%j is rejected by the option parser", async (args) => {
    const { error, stdout } = await runProgram(["seed", ...args]);
    expect(error?.name).toBe("CommanderError");
    expect(stdout).toBe("");
  });

  it("an unwritable --out is a usage error", async () => {
    const { error } = await runProgram(seedArgs(files.path("missing-dir/x.jsonl"), 5));
    expect(error).toMatchObject({ exitCode: ExitCode.usage });
    expect(error!.message).toMatch(/^--out: cannot write .*missing-dir\/x.jsonl: ENOENT/);
  });
});
