import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { LineWriter } from "./line-writer.js";

/** A writable that takes a turn of the event loop per chunk and remembers the chunks. */
function slowSink(highWaterMark: number) {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      setImmediate(callback);
    },
  });
  return { stream, chunks };
}

describe("LineWriter", () => {
  it("batches lines into chunks and writes the rest on flush", async () => {
    const { stream, chunks } = slowSink(1024);
    const writer = new LineWriter(stream, 10);
    for (const text of ["aaaa", "bbbb", "cccc", "d"]) await writer.line(text);
    await writer.flush();
    stream.end();
    await finished(stream);
    expect(chunks).toEqual(["aaaa\nbbbb\n", "cccc\nd\n"]);
  });

  it("waits for drain when the stream's buffer is full", async () => {
    const { stream, chunks } = slowSink(4);
    const writer = new LineWriter(stream, 4);
    for (let i = 0; i < 100; i++) {
      await writer.line(`line ${i}`);
      // Each line is a chunk larger than the 4-byte buffer, so the writer must have waited
      // for the buffer to empty before taking the next line.
      expect(stream.writableLength).toBe(0);
    }
    await writer.flush();
    expect(chunks.join("").split("\n")).toHaveLength(101);
  });

  it("rejects instead of hanging when the stream fails while it waits", async () => {
    const stream = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(new Error("EPIPE")));
      },
    });
    const writer = new LineWriter(stream, 1);
    await expect(writer.line("x")).rejects.toThrow("EPIPE");
  });

  it("writes nothing when there is nothing to flush", async () => {
    const { stream, chunks } = slowSink(8);
    await new LineWriter(stream).flush();
    expect(chunks).toEqual([]);
  });
});
