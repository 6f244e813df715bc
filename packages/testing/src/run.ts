import { spawn } from "node:child_process";
import { appendFile, open } from "node:fs/promises";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Append the command line, its stderr and (unless captured) its stdout to this file. */
  logFile?: string;
  /** Return stdout instead of logging it. */
  captureStdout?: boolean;
  /** Run as this user (root only): PostgreSQL refuses to run as root. */
  user?: { uid: number; gid: number };
}

/**
 * Runs a command to completion without a shell. Rejects on a non-zero exit with the command line
 * and where its output went, so that the caller's error says where to look.
 */
export async function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const commandLine = [command, ...args].map((arg) => (arg === "" ? '""' : arg)).join(" ");
  const log = options.logFile === undefined ? undefined : await open(options.logFile, "a");
  try {
    if (options.logFile !== undefined) {
      await appendFile(options.logFile, `\n$ ${commandLine}\n`);
    }
    const out = options.captureStdout ? "pipe" : (log?.fd ?? "pipe");
    const err = log?.fd ?? "pipe";
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", out, err],
      ...options.user,
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | string>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode, signal) => resolve(exitCode ?? `signal ${signal}`));
    });
    if (code !== 0) {
      const where = options.logFile === undefined ? stderr.trim() : `see ${options.logFile}`;
      throw new Error(`\`${commandLine}\` failed (exit ${code}): ${where}`);
    }
    return stdout;
  } finally {
    await log?.close();
  }
}
