import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "./lock.js";
import { portToStart } from "./ports.js";
import { type RedisAnswer, redisCommand } from "./redis-command.js";
import { redisServerBinary } from "./redis-install.js";
import { run } from "./run.js";
import { ownedPort, recordPort, type ServerFiles, serverFiles } from "./server-files.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

export const redisFiles = (dataDir: string): ServerFiles => serverFiles(dataDir, "redis", "redis-server");

/**
 * A Redis URL: `REDIS_URL` as is; else the Redis this checkout started, when it still runs; else
 * a redis-server we start (on `SEGFLOW_REDIS_PORT`, or a free port when the default is taken),
 * detached so that it outlives this process.
 */
export async function ensureRedis(settings: Settings): Promise<string> {
  if (settings.redisUrl !== undefined) {
    settings.log("redis: using REDIS_URL");
    return settings.redisUrl;
  }
  const files = redisFiles(settings.dataDir);
  const reused = await reuseOwned(files, settings);
  if (reused !== undefined) return reused;
  const binary = await redisServerBinary(settings);
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: "starting Redis", timeoutMs: 60_000, log: settings.log };
  return withLock(join(settings.dataDir, "redis.lock"), lock, async () => {
    const started = await reuseOwned(files, settings); // by whoever held the lock
    if (started !== undefined) return started;
    const port = await portToStart(settings.redisPort, "redis", settings.log);
    await start(binary, settings, files, port);
    await recordPort(files, port);
    return `redis://127.0.0.1:${port}`;
  });
}

async function reuseOwned(files: ServerFiles, settings: Settings): Promise<string | undefined> {
  const port = await ownedPort(files);
  if (port === undefined) return undefined;
  await waitForPing(port, files.logFile, 0); // it may still be replaying its AOF
  settings.log(`redis: reusing this checkout's server on port ${port}`);
  if (settings.aof) await enableAof(port, settings.log);
  return `redis://127.0.0.1:${port}`;
}

async function start(binary: string, settings: Settings, files: ServerFiles, port: number): Promise<void> {
  await mkdir(files.dir, { recursive: true });
  const logStart = await logSize(files.logFile);
  settings.log(
    `redis: starting redis-server on port ${port}${settings.aof ? " with AOF" : ""} (log: ${files.logFile})`,
  );
  // biome-ignore format: one option a line reads best
  const args = [
    "--daemonize", "yes", // outlives the process that starts it
    "--pidfile", files.pidFile,
    "--logfile", files.logFile,
    "--bind", "127.0.0.1",
    "--port", String(port),
    "--dir", files.dir,
    // BullMQ needs every key it writes to stay: evicting one loses or corrupts jobs.
    "--maxmemory-policy", "noeviction",
    "--save", "", // no RDB snapshots: tests and benchmarks need no durability
    "--appendonly", settings.aof ? "yes" : "no",
  ];
  try {
    await run(binary, args); // returns once daemonized; bind errors show up in the log only
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; see ${files.logFile}${await tailOf(files.logFile, logStart)}`,
    );
  }
  await waitForPing(port, files.logFile, logStart);
}

async function waitForPing(port: number, logFile: string, logStart: number): Promise<void> {
  await waitUntil(() => answersPing(port), {
    timeoutMs: 15_000,
    onTimeout: async () =>
      new Error(
        `redis-server did not answer PING on port ${port} within 15 s; see ${logFile}` +
          (await tailOf(logFile, logStart)),
      ),
  });
}

/** True when a Redis answers PING on the port; throws when something that is not Redis answers. */
async function answersPing(port: number): Promise<boolean> {
  const answer = await redisCommand(port, ["PING"]);
  if (answer.kind === "closed") return false;
  if (answer.kind === "reply" && answer.line === "+PONG") return true;
  if (answer.kind === "reply" && answer.line.startsWith("-LOADING")) return false; // replaying its AOF
  throw new Error(`port ${port} answers, but not as Redis (${describe(answer)})`);
}

/** Turns AOF on in a running Redis (on our port only; a REDIS_URL server is not ours to change). */
async function enableAof(port: number, log: (line: string) => void): Promise<void> {
  const answer = await redisCommand(port, ["CONFIG", "SET", "appendonly", "yes"]);
  if (answer.kind !== "reply" || answer.line !== "+OK") {
    throw new Error(`could not turn on AOF in the Redis on port ${port}: ${describe(answer)}`);
  }
  log(`redis: AOF is on in the server on port ${port}`);
}

function describe(answer: RedisAnswer): string {
  return answer.kind === "reply" ? `it said "${answer.line}"` : "no reply";
}
