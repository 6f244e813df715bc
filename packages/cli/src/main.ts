/**
 * The `segflow` executable (bin/segflow.js imports the built copy of this file). Wiring only:
 * build the program on the process's streams, run it, and turn what it throws into an exit code.
 */
import { CommanderError } from "commander";
import { CliError, ExitCode } from "./cli-error.js";
import { processIo } from "./io.js";
import { createProgram } from "./program.js";

// `segflow evaluate … | head` closes our stdout early: stop quietly, as Unix tools do, instead of
// crashing on an unhandled EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(ExitCode.ok);
  throw error;
});

const io = processIo();
try {
  await createProgram(io).parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  // Commander has already printed its message (or the help, or the version).
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof CliError) {
    io.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === "EPIPE") return ExitCode.ok;
  io.stderr.write(`segflow: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  return ExitCode.failed;
}
