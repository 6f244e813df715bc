import type { Command } from "commander";
import { errorMessage, LineError } from "../cli-error.js";
import { compileDefinitions } from "../compile.js";
import type { Io } from "../io.js";
import { LineWriter } from "../line-writer.js";
import { parseNow } from "../option-parsers.js";
import { openProfiles, readProfiles } from "../profile-input.js";
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
  const profiles = await openProfiles(options.profiles, io.stdin);
  const { input, source } = profiles;
  const out = new LineWriter(io.stdout);
  try {
    for await (const { line, profile } of readProfiles(profiles)) {
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
