import { Readable, Writable } from "node:stream";
import type { Io } from "../io.js";

/** An {@link Io} over memory: stdin from `stdinText`, stdout and stderr collected as text. */
export function memoryIo(stdinText = ""): { io: Io; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        into.push(chunk.toString());
        callback();
      },
    });
  return {
    io: { stdin: Readable.from([stdinText]), stdout: sink(out), stderr: sink(err) },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
