/** Exit codes shared by every command (README.md, "Exit codes"). */
export const ExitCode = {
  /** Everything went through. */
  ok: 0,
  /** Work had started and failed part-way, e.g. a malformed profile line. */
  failed: 1,
  /** Nothing was done: bad options, an unreadable or invalid segments file, invalid definitions. */
  usage: 2,
} as const;

/**
 * An expected failure. main.ts prints its message as is (no stack trace: the message says what
 * to fix) and exits with its code.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A problem with one line of a JSON Lines input: `P.jsonl:LINE: reason`, exit 1. */
export class LineError extends CliError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${reason}`, ExitCode.failed);
    this.name = "LineError";
  }
}

/** The message of anything thrown (Node's system errors carry the code in it already). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
