import { Writable } from "node:stream";
import type { CliEnv } from "../config.js";
import { createProgram } from "../program.js";
import { memoryIo } from "./memory-io.js";

/**
 * Runs `segflow args…` in-process against the given settings; returns what it printed and what
 * it threw (main.ts would print a CliError's message on stderr and exit with its code).
 */
export async function runProgram(args: string[], env: Partial<CliEnv> = {}, options: { tty?: boolean } = {}) {
  const { io, stdout, stderr } = memoryIo();
  let ttyText = "";
  if (options.tty) {
    const tty = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        ttyText += chunk.toString();
        callback();
      },
    });
    Object.assign(tty, { isTTY: true, columns: 120 });
    io.stderr = tty;
  }
  const settings: CliEnv = { apiUrl: "http://127.0.0.1:9", apiKey: undefined, mongoUrl: undefined, ...env };
  const error = await createProgram(io, settings)
    .parseAsync(args, { from: "user" })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return {
    error: error as (Error & { exitCode?: number }) | undefined,
    stdout: stdout(),
    stderr: stderr() + ttyText,
  };
}
