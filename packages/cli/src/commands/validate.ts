import type { Command } from "commander";
import { compileDefinitions } from "../compile.js";
import type { Io } from "../io.js";
import { readSegments } from "../read-segments.js";

export interface ValidateOptions {
  /** Path of the segments file, a JSON array of `{ "id", "definition" }`. */
  segments: string;
}

const HELP = `
Output:
  "ok: N segments" on stdout when every definition parses and checks; otherwise every error on
  stderr, one a line: segment "lapsed": 2:14: expected a value after ">=", found "and"

Exit codes:
  0  every definition is valid
  2  a bad option, an unreadable or malformed segments file, or invalid definitions

Example:
  $ segflow validate --segments segments.json
`;

export function registerValidate(program: Command, io: Io): void {
  program
    .command("validate")
    .summary("check segment definitions without evaluating them")
    .description(
      "Parse and check every definition of a segments file together (types, functions, inSegment " +
        "references and cycles, duplicate ids), as the API does before storing them.",
    )
    .requiredOption("-s, --segments <file>", 'segment definitions: a JSON array of {"id", "definition"}')
    .addHelpText("after", HELP)
    .action((options: ValidateOptions) => runValidate(options, io));
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<void> {
  const compiled = compileDefinitions(await readSegments(options.segments));
  const n = compiled.ids.length;
  io.stdout.write(`ok: ${n} ${n === 1 ? "segment" : "segments"}\n`);
}
