import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { errorMessage, LineError } from "./cli-error.js";

/** One parsed line of a JSON Lines input; `line` is 1-based and counts blank lines too. */
export interface JsonLine {
  line: number;
  value: unknown;
}

const BLANK = /^\s*$/;

/**
 * Parses JSON Lines one line at a time, skipping blank lines. Memory stays bounded whatever the
 * input's size: readline's async iterator pauses the input once about a thousand lines are
 * queued, and nothing here keeps a line after it is yielded. LF and CRLF both end a line.
 *
 * @param source how errors name the input, e.g. the file path: `profiles.jsonl:12: …`
 * @throws LineError on the first line that is not valid JSON. Errors reading `input` propagate.
 */
export async function* readJsonLines(input: Readable, source: string): AsyncGenerator<JsonLine> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      // Editors on Windows may start a UTF-8 file with a byte order mark; JSON.parse rejects it.
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (BLANK.test(text)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new LineError(source, line, `not valid JSON: ${errorMessage(error)}`);
      }
      yield { line, value };
    }
  } finally {
    lines.close();
  }
}
