/**
 * Spawns segflow's processes as separate OS processes, configured only by the environment,
 * exactly as operators run them (`npm run api`, `npm run worker`, `npm run trainer`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const ENTRIES = {
  api: "apps/api/src/main.ts",
  worker: "apps/worker/src/main.ts",
  trainer: "apps/trainer/src/main.ts",
} as const;

export interface Running {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function start(kind: keyof typeof ENTRIES, name: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--conditions=segflow-source", "--import", "tsx", ENTRIES[kind]], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    name,
    child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `probe` resolves true, or fails with what the process printed. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
  proc?: Running,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    if (proc && proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited while waiting for ${what}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${proc ? `:\n${proc.output().slice(-4000)}` : ""}`);
}
