import { createRequire } from "node:module";
import { Command } from "commander";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerEvaluations } from "./commands/evaluations.js";
import { registerKeys } from "./commands/keys.js";
import { registerProfiles } from "./commands/profiles.js";
import { registerPropensity } from "./commands/propensity.js";
import { registerSeed } from "./commands/seed.js";
import { registerSegments } from "./commands/segments.js";
import { registerValidate } from "./commands/validate.js";
import { type CliEnv, loadCliEnv } from "./config.js";
import type { Io } from "./io.js";
import { positiveNumber } from "./option-parsers.js";

/** Each command adds itself to the program; a new command is one file and one line here. */
const COMMANDS: ((program: Command, io: Io, env: CliEnv) => void)[] = [
  registerEvaluate,
  registerValidate,
  registerSeed,
  registerSegments,
  registerEvaluations,
  registerProfiles,
  registerPropensity,
  registerKeys,
];

const HELP = `
Exit codes:
  0  success
  1  the command started and failed part-way (e.g. a malformed profile line), the API or MongoDB
     is not reachable, or the API answered with an error
  2  nothing was done: bad usage, an unreadable or malformed input file, invalid definitions
     or an invalid model file

Environment (options win):
  SEGFLOW_API_URL      the API's base URL for segments, evaluations, profiles (default http://127.0.0.1:3000)
  SEGFLOW_API_KEY      the API key they send
  SEGFLOW_API_TIMEOUT  seconds to wait for each answer of the API (default 30)
  MONGO_URL            where seed writes without --out or --mongo-url

Examples:
  $ segflow validate --segments segments.json
  $ segflow evaluate --segments segments.json --profiles profiles.jsonl --now 2026-12-01T00:00:00Z
  $ segflow seed --profiles 20000 --seed 42 --mongo-url mongodb://127.0.0.1:27017/segflow
  $ segflow evaluations start --wait
  $ segflow keys create --scopes read,write
  $ segflow propensity fit --profiles profiles.jsonl --model churn.json --now 2026-12-01 --scores churn.jsonl
  $ segflow help evaluate
`;

/**
 * The `segflow` program, writing to `io`. Commander's own exits (help, usage errors) are turned
 * into thrown `CommanderError`s so that main.ts alone decides exit codes, and so that tests can
 * run the program in-process. `env` is the environment's settings (config.ts), read from
 * `process.env` unless given.
 */
export function createProgram(io: Io, env: CliEnv = loadCliEnv()): Command {
  const program = new Command("segflow")
    .description("segflow: segments and propensity scores for customer profiles kept in MongoDB.")
    .version(packageVersion(), "-V, --version")
    // Global: the program reads its options anywhere on the line, so `segflow segments list
    // --timeout 60` works too; the API commands read it through optsWithGlobals().
    .option(
      "--timeout <seconds>",
      "seconds to wait for each answer of the API (default: SEGFLOW_API_TIMEOUT, else 30)",
      positiveNumber,
    )
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", HELP);
  // Subcommands made with program.command() inherit the output and exit settings above.
  for (const register of COMMANDS) register(program, io, env);
  return program;
}

/** package.json sits one level above both src/ (tests, tsx) and dist/ (the installed bin). */
function packageVersion(): string {
  const pkg = createRequire(import.meta.url)("../package.json") as { version: string };
  return pkg.version;
}
