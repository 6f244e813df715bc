import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parseInstant } from "@segflow/segment-language";
import type { Command } from "commander";
import { CliError, ExitCode, errorMessage, LineError } from "../cli-error.js";
import { compileDefinitions } from "../compile.js";
import type { Io } from "../io.js";
import { readJsonLines } from "../jsonl.js";
import { LineWriter } from "../line-writer.js";
import { toProfile } from "../profile-shape.js";
import { readSegments } from "../read-segments.js";

export interface EvaluateOptions {
  /** Path of the segments file, a JSON array of `{ "id", "definition" }`. */
  segments: string;
  /** Path of the profiles file (JSON Lines), or `-` for stdin. */
  profiles: string;
  /** The evaluation instant, strict ISO 8601 (`parseInstant`). */
  now: string;
}

const HELP = `
Input:
  --segments  a JSON array: [{ "id": "vip", "definition": "loyalty.tier = \\"gold\\"" }, ...]
  --profiles  JSON Lines, one profile a line, as in the segment language reference:
              {"id":"p-001","attributes":{...},"events":[{"type":...,"timestamp":...,"properties":{...}}],"scores":{...}}
              blank lines are skipped; the file is streamed, so its size does not matter

Output (stdout):
  one line a profile, in input order, listing the segments it is in, in the order of --segments:
  {"id":"p-001","segments":["vip","lapsed"]}

Exit codes:
  0  every profile was evaluated
  1  a profile line is malformed or cannot be evaluated: stderr says "FILE:LINE: reason";
     the lines for the profiles before it have been printed, none after it
  2  nothing was evaluated: a bad option or --now, an unreadable or malformed segments file,
     or invalid definitions (each language error on its own line on stderr)

Examples:
  $ segflow evaluate --segments segments.json --profiles profiles.jsonl --now 2026-12-01T00:00:00Z
  $ gunzip -c profiles.jsonl.gz | segflow evaluate --segments segments.json --profiles - --now 2026-12-01
`;

export function registerEvaluate(program: Command, io: Io): void {
  program
    .command("evaluate")
    .summary("evaluate segments on profiles offline, without any service")
    .description(
      "Evaluate every segment of a segments file on every profile of a JSON Lines file, at a fixed " +
        "instant, and print each profile's segments. Runs offline: no MongoDB, no Redis.",
    )
    .requiredOption("-s, --segments <file>", 'segment definitions: a JSON array of {"id", "definition"}')
    .requiredOption("-p, --profiles <file>", "profiles as JSON Lines, one a line; - reads stdin")
    .requiredOption(
      "-n, --now <instant>",
      "the instant to evaluate at, e.g. 2026-12-01T00:00:00Z or 2026-12-01 (UTC); " +
        "required, so that results are reproducible",
    )
    .addHelpText("after", HELP)
    .action((options: EvaluateOptions) => runEvaluate(options, io));
}

/**
 * Streams the profiles through the compiled segment set: one profile in memory at a time (plus
 * readline's bounded queue), output written with backpressure. Everything that can fail before
 * the first profile (--now, segments, opening the profiles) is checked first, so those errors
 * leave stdout empty.
 */
export async function runEvaluate(options: EvaluateOptions, io: Io): Promise<void> {
  const nowMs = parseNow(options.now);
  const compiled = compileDefinitions(await readSegments(options.segments));
  const { input, source } = await openProfiles(options.profiles, io.stdin);
  const out = new LineWriter(io.stdout);
  try {
    for await (const { line, value } of readJsonLines(input, source)) {
      const profile = toProfile(value);
      if (typeof profile === "string") throw new LineError(source, line, profile);
      let holds: boolean[];
      try {
        holds = compiled.evaluate(profile, nowMs);
      } catch (error) {
        throw new LineError(source, line, `cannot evaluate profile "${profile.id}": ${errorMessage(error)}`);
      }
      const segments = compiled.ids.filter((_, i) => holds[i]);
      await out.line(JSON.stringify({ id: profile.id, segments }));
    }
  } catch (error) {
    // The profiles before a bad line were evaluated; print them, as the help promises.
    if (error instanceof LineError) await out.flush();
    throw error;
  } finally {
    if (input !== io.stdin) input.destroy();
  }
  await out.flush();
}

function parseNow(text: string): number {
  const ms = parseInstant(text);
  if (ms === undefined) {
    throw new CliError(
      `--now: ${JSON.stringify(text)} is not a valid instant; use YYYY-MM-DD or ` +
        "YYYY-MM-DDTHH:MM[:SS[.fraction]] with an optional Z or ±HH:MM, e.g. 2026-12-01T00:00:00Z",
      ExitCode.usage,
    );
  }
  return ms;
}

/** Opens the file up front so that a missing one is a usage error (exit 2) with stdout empty. */
async function openProfiles(path: string, stdin: Readable): Promise<{ input: Readable; source: string }> {
  if (path === "-") return { input: stdin, source: "<stdin>" };
  try {
    const handle = await open(path, "r");
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new Error("it is a directory");
    }
    return { input: handle.createReadStream({ encoding: "utf8" }), source: path };
  } catch (error) {
    throw new CliError(`cannot read profiles file ${path}: ${errorMessage(error)}`, ExitCode.usage);
  }
}
