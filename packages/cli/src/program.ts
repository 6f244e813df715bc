import { createRequire } from "node:module";
import { Command } from "commander";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerValidate } from "./commands/validate.js";
import type { Io } from "./io.js";

/** Each command adds itself to the program; a new command is one file and one line here. */
const COMMANDS: ((program: Command, io: Io) => void)[] = [registerEvaluate, registerValidate];

const HELP = `
Exit codes:
  0  success
  1  the command started and failed part-way (e.g. a malformed profile line)
  2  nothing was done: bad usage, an unreadable or malformed input file, invalid definitions

Examples:
  $ segflow validate --segments segments.json
  $ segflow evaluate --segments segments.json --profiles profiles.jsonl --now 2026-12-01T00:00:00Z
  $ segflow help evaluate
`;

/**
 * The `segflow` program, writing to `io`. Commander's own exits (help, usage errors) are turned
 * into thrown `CommanderError`s so that main.ts alone decides exit codes, and so that tests can
 * run the program in-process.
 */
export function createProgram(io: Io): Command {
  const program = new Command("segflow")
    .description("segflow: segments and propensity scores for customer profiles kept in MongoDB.")
    .version(packageVersion(), "-V, --version")
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", HELP);
  // Subcommands made with program.command() inherit the output and exit settings above.
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** package.json sits one level above both src/ (tests, tsx) and dist/ (the installed bin). */
function packageVersion(): string {
  const pkg = createRequire(import.meta.url)("../package.json") as { version: string };
  return pkg.version;
}
