/**
 * A Redis of one test's own, for fault tests that stop, kill and restart it without disturbing
 * the shared server other test files use: a redis-server child on a free port, its data (AOF) in
 * a temporary folder that a restart on the same port replays.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.js";
import { redisCommand } from "./redis-command.js";
import { redisServerBinary } from "./redis-install.js";
import { resolveSettings } from "./settings.js";
import { waitUntil } from "./wait.js";

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (`SIGTERM`: Redis flushes its AOF; `SIGKILL`: it does not). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and folder, and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/**
 * Starts a private redis-server with BullMQ's settings (`noeviction`, AOF on, fsync every
 * second); `extraArgs` are appended (a later option wins: `--maxmemory-policy allkeys-lru`).
 */
export async function startPrivateRedis(extraArgs: readonly string[] = []): Promise<PrivateRedis> {
  const settings = resolveSettings({ log: () => {} });
  const binary = await redisServerBinary(settings);
  const dir = await mkdtemp(join(tmpdir(), "segflow-redis-"));
  const port = await freePort();
  // biome-ignore format: one option a line reads best
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--save", "",
    "--appendonly", "yes",
    "--maxmemory-policy", "noeviction",
    ...extraArgs,
  ];
  let child: ChildProcess | undefined;
  let output = "";

  async function start(): Promise<void> {
    output = "";
    const started = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    started.stdout!.on("data", (d) => {
      output += d;
    });
    started.stderr!.on("data", (d) => {
      output += d;
    });
    child = started;
    // -LOADING while it replays its AOF, +PONG once it serves.
    await waitUntil(ping, {
      timeoutMs: 15_000,
      failFast: async () =>
        started.exitCode !== null ? new Error(`redis-server exited: ${output.slice(-2000)}`) : undefined,
      onTimeout: async () => new Error(`redis-server on ${port} did not answer: ${output.slice(-2000)}`),
    });
  }

  async function ping(): Promise<boolean> {
    const answer = await redisCommand(port, ["PING"]);
    return answer.kind === "reply" && answer.line === "+PONG";
  }

  async function stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async close() {
      await stop("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
