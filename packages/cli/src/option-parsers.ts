/** Argument parsers for commander options: a bad value is a usage error (exit 2) naming it. */
import { parseInstant } from "@segflow/segment-language";
import { InvalidArgumentError } from "commander";
import { CliError, ExitCode } from "./cli-error.js";

/** A whole number in [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`expected a whole number ${range}, got ${JSON.stringify(value)}.`);
    }
    return n;
  };
}

/** A positive number (decimals allowed). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a positive number, got ${JSON.stringify(value)}.`);
  }
  return n;
}

/** A strict ISO 8601 instant (the segment language's rules), kept as text for the API. */
export function instant(value: string): string {
  if (parseInstant(value) === undefined) {
    throw new InvalidArgumentError(
      `${JSON.stringify(value)} is not a valid instant; use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fraction]] ` +
        "with an optional Z or ±HH:MM, e.g. 2026-12-01T00:00:00Z.",
    );
  }
  return value;
}

/** Comma-separated names, blanks dropped: "a, b,,c" → ["a", "b", "c"]. */
export function list(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * `--now` of the offline commands, in epoch ms: checked in the command rather than by commander so
 * that the message names the option and the accepted forms (exit 2).
 */
export function parseNow(text: string): number {
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
