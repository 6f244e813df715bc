import type { Writable } from "node:stream";

/**
 * Writes lines to a stream in chunks of about `chunkSize` characters, waiting for `drain`
 * whenever the stream says its buffer is full. Without the wait, a fast producer and a slow
 * reader (`segflow evaluate … | slow-consumer`) would queue the whole output in memory.
 */
export class LineWriter {
  #buffer = "";

  constructor(
    private readonly out: Writable,
    /** Batching saves one write call per line; 64 KiB matches a pipe's capacity. */
    private readonly chunkSize = 64 * 1024,
  ) {}

  async line(text: string): Promise<void> {
    this.#buffer += text + "\n";
    if (this.#buffer.length >= this.chunkSize) await this.flush();
  }

  /** Hands the buffered lines to the stream; resolves once the stream can take more. */
  async flush(): Promise<void> {
    if (this.#buffer === "") return;
    const chunk = this.#buffer;
    this.#buffer = "";
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Resolves on `drain`; rejects when the stream fails or closes first, so a writer never hangs. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("error", onError);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error("output closed before all lines were written"));
    out.on("drain", onDrain);
    out.on("error", onError);
    out.on("close", onClose);
  });
}
