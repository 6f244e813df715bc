import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "./lock.js";
import { refuseSecondInstance } from "./processes.js";
import { type RedisAnswer, redisCommand } from "./redis-command.js";
import { redisServerBinary } from "./redis-install.js";
import { run } from "./run.js";
import type { Settings } from "./settings.js";
import { logSize, tailOf, waitUntil } from "./wait.js";

/** Files of the Redis we start, all under `<repo>/.data`. */
export function redisFiles(dataDir: string): { dir: string; pidFile: string; logFile: string } {
  return {
    dir: join(dataDir, "redis"),
    pidFile: join(dataDir, "redis.pid"),
    logFile: join(dataDir, "redis.log"),
  };
}

/**
 * A Redis URL: `REDIS_URL` as is; else the Redis already answering on our port; else a
 * redis-server we start there, detached so that it outlives this process.
 */
export async function ensureRedis(settings: Settings): Promise<string> {
  if (settings.redisUrl !== undefined) {
    settings.log("redis: using REDIS_URL");
    return settings.redisUrl;
  }
  const port = settings.redisPort;
  const url = `redis://127.0.0.1:${port}`;
  if (await answersPing(port)) {
    settings.log(`redis: reusing the server on port ${port}`);
    if (settings.aof) await enableAof(port, settings.log);
    return url;
  }
  const binary = await redisServerBinary(settings);
  await mkdir(settings.dataDir, { recursive: true });
  const lock = { what: `starting Redis on port ${port}`, timeoutMs: 60_000, log: settings.log };
  await withLock(join(settings.dataDir, "redis.lock"), lock, async () => {
    if (await answersPing(port)) {
      if (settings.aof) await enableAof(port, settings.log);
      return; // started by whoever held the lock
    }
    await start(binary, settings);
  });
  return url;
}

async function start(binary: string, settings: Settings): Promise<void> {
  const port = settings.redisPort;
  const files = redisFiles(settings.dataDir);
  await refuseSecondInstance(files.pidFile, "redis-server", "SEGFLOW_REDIS_PORT");
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
  await waitUntil(() => answersPing(port), {
    timeoutMs: 15_000,
    onTimeout: async () =>
      new Error(
        `redis-server did not answer PING on port ${port} within 15 s; see ${files.logFile}` +
          (await tailOf(files.logFile, logStart)),
      ),
  });
}

/** True when a Redis answers PING on the port; throws when something else holds the port. */
async function answersPing(port: number): Promise<boolean> {
  const answer = await redisCommand(port, ["PING"]);
  if (answer.kind === "closed") return false;
  if (answer.kind === "reply" && answer.line === "+PONG") return true;
  if (answer.kind === "reply" && answer.line.startsWith("-LOADING")) return false; // replaying its AOF
  throw new Error(
    `port ${port} is taken by something that does not answer Redis PING (${describe(answer)}); ` +
      "stop it, or pick another port with SEGFLOW_REDIS_PORT",
  );
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
