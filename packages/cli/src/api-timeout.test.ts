/**
 * How long the API commands wait for each answer: the global --timeout (anywhere on the line),
 * else SEGFLOW_API_TIMEOUT, else 30 s. Against a stand-in API that answers late.
 */
import { CommanderError } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "./cli-error.js";
import { loadCliEnv } from "./config.js";
import { startFakeApi } from "./testing/fake-api.js";
import { runProgram } from "./testing/run-program.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** An API that answers `GET /v1/segments` after `delayMs`. */
async function slowApi(delayMs: number) {
  const server = await startFakeApi(
    () => new Promise((resolve) => setTimeout(() => resolve({ body: { segments: [] } }), delayMs)),
  );
  close = server.close;
  return server.url;
}

describe("the API timeout", () => {
  it.each([
    ["after the command", ["segments", "list", "--timeout", "0.2"]],
    ["before the command", ["--timeout", "0.2", "segments", "list"]],
  ])("--timeout %s gives up on a late answer, exit 1", async (_where, args) => {
    const url = await slowApi(2000);
    const { error } = await runProgram(args, { apiUrl: url });
    expect(error).toMatchObject({
      exitCode: ExitCode.failed,
      message: `the API at ${url} did not answer within 0.2 s`,
    });
  });

  it("SEGFLOW_API_TIMEOUT sets it when --timeout does not", async () => {
    const url = await slowApi(2000);
    const { error } = await runProgram(["segments", "list"], { apiUrl: url, apiTimeout: "0.2" });
    expect(error?.message).toBe(`the API at ${url} did not answer within 0.2 s`);
  });

  it("--timeout wins over SEGFLOW_API_TIMEOUT", async () => {
    const url = await slowApi(300);
    const { error, stdout } = await runProgram(["segments", "list", "--timeout", "10"], {
      apiUrl: url,
      apiTimeout: "0.1",
    });
    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it("a bad value is a usage error naming where it came from; offline commands ignore the variable", async () => {
    const url = await slowApi(0);
    const bad = await runProgram(["segments", "list"], { apiUrl: url, apiTimeout: "soon" });
    expect(bad.error).toMatchObject({
      exitCode: ExitCode.usage,
      message: 'SEGFLOW_API_TIMEOUT: expected a positive number of seconds, got "soon"',
    });
    // Commander's usage error (main.ts exits 2 for it), before any request.
    const zero = await runProgram(["segments", "list", "--timeout", "0"], { apiUrl: url });
    expect(zero.error).toBeInstanceOf(CommanderError);
    expect(zero.stderr).toContain("option '--timeout <seconds>' argument '0' is invalid");
    const offline = await runProgram(["validate", "--help"], { apiTimeout: "soon" });
    expect(offline.error?.exitCode).toBe(0);
  });

  it("is read from the environment with the other API settings", () => {
    expect(loadCliEnv({ SEGFLOW_API_TIMEOUT: " 45 " }).apiTimeout).toBe("45");
    expect(loadCliEnv({}).apiTimeout).toBeUndefined();
  });
});
