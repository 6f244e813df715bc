/**
 * Every logger createLogger makes writes an error without its stack trace and never writes an
 * API key or a secret (SECURITY.md, "No keys, secrets or stack traces in answers and logs").
 * Checked to fail: without the `err` serializer in createLogger, the stack appears in the line.
 */
import { Writable } from "node:stream";
import { expect, test } from "vitest";
import { createLogger } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: "test", level: "info", destination }) };
}

test("an error is logged as its type, message and throw site, never its stack", () => {
  const { lines, logger } = capture();
  const error = new TypeError("the thing broke");
  logger.error({ err: error }, "worker error");
  logger.child({ jobId: "1" }).warn({ err: error }, "job failed");
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line).not.toMatch(/\n\s+at |\\n\s+at /);
    const entry = JSON.parse(line) as { err: { type: string; message: string; at: string } };
    expect(entry.err).toMatchObject({ type: "TypeError", message: "the thing broke" });
    expect(entry.err.at).toMatch(/logger\.test\.ts:\d+:\d+$/);
  }
});

test("keys and secrets are redacted", () => {
  const { lines, logger } = capture();
  logger.info({ headers: { authorization: "Bearer k-123" }, destination: { secret: "s-456" } }, "x");
  expect(lines.join("")).not.toMatch(/k-123|s-456/);
});
