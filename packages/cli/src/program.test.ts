import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { createProgram } from "./program.js";
import { memoryIo } from "./testing/memory-io.js";

/** Runs the program in-process; returns what commander threw (it never exits the process). */
async function run(args: string[]) {
  const { io, stdout, stderr } = memoryIo();
  const error = await createProgram(io)
    .parseAsync(args, { from: "user" })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error, stdout: stdout(), stderr: stderr() };
}

describe("segflow program", () => {
  it("lists its commands in --help", async () => {
    const { error, stdout } = await run(["--help"]);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).exitCode).toBe(0);
    expect(stdout).toMatch(/evaluate \[options\]/);
    expect(stdout).toMatch(/validate \[options\]/);
    for (const command of ["seed [options]", "segments", "evaluations", "profiles", "propensity"])
      expect(stdout).toContain(command);
    expect(stdout).toContain("SEGFLOW_API_URL");
    expect(stdout).toContain("Exit codes:");
  });

  it("documents evaluate's input, output, exit codes and examples", async () => {
    const { stdout } = await run(["evaluate", "--help"]);
    for (const text of ["--segments <file>", "--profiles <file>", "--now <instant>", "- reads stdin"]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain('{"id":"p-001","segments":["vip","lapsed"]}');
    expect(stdout).toMatch(/1 {2}a profile line is malformed .*FILE:LINE: reason/s);
    expect(stdout).toContain("$ segflow evaluate --segments segments.json --profiles profiles.jsonl --now ");
  });

  it("rejects a missing required option with a usage error", async () => {
    const { error, stderr } = await run(["evaluate", "--segments", "s.json", "--profiles", "p.jsonl"]);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).exitCode).not.toBe(0);
    expect(stderr).toContain("required option '-n, --now <instant>' not specified");
  });

  it("rejects an unknown command", async () => {
    const { error, stderr } = await run(["evaluat"]);
    expect(error).toBeInstanceOf(CommanderError);
    expect(stderr).toContain("unknown command 'evaluat'");
  });

  it("documents seed's targets, its default --now and reproducibility", async () => {
    const { stdout } = await run(["seed", "--help"]);
    for (const text of ["--profiles <n>", "--seed <k>", "--out <file>", "--mongo-url <url>", "--batch <n>"]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain("the current time truncated to the minute");
    expect(stdout).toContain("byte for byte");
  });

  it("lists the API subcommands", async () => {
    const segments = await run(["segments", "--help"]);
    for (const c of ["create", "list", "get", "delete", "validate", "estimate"])
      expect(segments.stdout).toContain(c);
    expect((await run(["evaluations", "--help"])).stdout).toMatch(
      /start \[options\][\s\S]*get \[options\] <id>/,
    );
    expect((await run(["evaluations", "start", "--help"])).stdout).toContain("--idempotency-key <key>");
    expect((await run(["profiles", "--help"])).stdout).toMatch(/explain \[options\] <id>/);
  });

  it("prints its version", async () => {
    const { stdout } = await run(["--version"]);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
