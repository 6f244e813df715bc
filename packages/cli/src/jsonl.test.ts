import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineError } from "./cli-error.js";
import { type JsonLine, readJsonLines } from "./jsonl.js";

async function collect(text: string | string[]): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(Readable.from(Array.isArray(text) ? text : [text]), "p.jsonl")) {
    lines.push(line);
  }
  return lines;
}

async function failure(text: string): Promise<LineError> {
  const error = await collect(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineError);
  return error as LineError;
}

describe("readJsonLines", () => {
  it("yields each line's value with its 1-based line number", async () => {
    expect(await collect('{"a":1}\n[2]\n"three"\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: [2] },
      { line: 3, value: "three" },
    ]);
  });

  it("skips blank and whitespace-only lines but still counts them", async () => {
    expect(await collect('\n{"a":1}\n   \n\t\n{"a":2}')).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 5, value: { a: 2 } },
    ]);
  });

  it("accepts CRLF line ends, a last line without a newline, and a leading byte order mark", async () => {
    expect(await collect('\uFEFF{"a":1}\r\n{"a":2}')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
  });

  it("joins lines split across chunks", async () => {
    expect(await collect(['{"a":', '1}\n{"b"', ":2}\n"])).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: 2 } },
    ]);
  });

  it("reads nothing from an empty input", async () => {
    expect(await collect("")).toEqual([]);
  });

  it("names the source and the line of the first malformed line", async () => {
    const error = await failure('{"a":1}\n\n{"a":}\n{oops');
    expect(error.line).toBe(3);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/^p\.jsonl:3: not valid JSON: /);
  });

  it("propagates errors of the input stream", async () => {
    const input = new Readable({
      read() {
        this.destroy(new Error("disk on fire"));
      },
    });
    const reading = (async () => {
      for await (const _ of readJsonLines(input, "p.jsonl")) {
        // nothing
      }
    })();
    await expect(reading).rejects.toThrow("disk on fire");
  });

  it("keeps a bounded number of lines ahead of a slow consumer", async () => {
    const total = 20_000;
    let produced = 0;
    function* lines() {
      for (let i = 0; i < total; i++) {
        produced++;
        yield `{"i":${i}}\n`;
      }
    }
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of readJsonLines(Readable.from(lines()), "p.jsonl")) {
      consumed++;
      maxAhead = Math.max(maxAhead, produced - consumed);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(consumed).toBe(total);
    // readline queues about a thousand lines before pausing its input; reading the whole
    // input first would put this at 20,000.
    expect(maxAhead).toBeLessThan(total / 4);
  });
});
