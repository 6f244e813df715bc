import type { Readable, Writable } from "node:stream";

/** The streams a command talks to; tests hand in their own instead of the process's. */
export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
