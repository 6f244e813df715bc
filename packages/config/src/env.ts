/**
 * The environment, parsed once at start (README.md, "Running the parts yourself"). Nothing else
 * in segflow reads `process.env`: processes call {@link loadConfig} and hand the result down.
 */
import { z } from "zod";
import { ApiKeys } from "./api-keys.js";

const csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  );

/** The queues a worker can take jobs from (packages/queues names them the same). */
export const WORKER_QUEUES = ["runs", "shards", "streaming", "feed"] as const;

export const Env = z.object({
  /** Redis for BullMQ. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  /** MongoDB; the URL's path names the database. */
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// URL")
    .default("mongodb://127.0.0.1:27017/segflow"),
  /** BullMQ key prefix, so that several deployments or test runs share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.', '-' only")
    .default("segflow"),
  /** HTTP port of the API. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /**
   * Interface the API listens on: loopback unless asked, so that a first run is not reachable
   * from the network; `0.0.0.0` (as in docker-compose.yml) listens on every interface.
   */
  HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * The keys the API accepts (bearer keys, or Bull Board's and the docs' password), as hashes with
   * scopes: comma-separated `[name:]<sha256 hex of the key>:<scope>+<scope>` (api-keys.ts). A
   * plaintext key is refused.
   */
  API_KEYS: ApiKeys,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Jobs one worker process runs at once, per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Streaming evaluations one worker process runs at once. Each is a few small reads and writes
   * of one profile, batched with the others running (packages/evaluation, streaming-evaluator.ts):
   * the more run at once, the fewer round trips each costs.
   */
  STREAMING_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /**
   * The queues a worker process takes jobs from, comma-separated (all when empty): `runs` (plan
   * and finish batch runs, scheduled runs), `shards` (batch shards), `streaming` (profiles with
   * new events, wake-ups), `feed` (publishing membership changes, webhook deliveries). Dedicates
   * workers to some work, e.g. `WORKER_QUEUES=streaming,feed` for low-latency ones.
   */
  WORKER_QUEUES: csv
    .pipe(z.array(z.enum(WORKER_QUEUES)))
    .transform((q) => (q.length > 0 ? q : [...WORKER_QUEUES])),
  /** Jobs a trainer runs at once (a training holds a worker thread and its data in memory). */
  TRAINER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Shards a batch run or a scoring pass is split into (each a bucket range). */
  SHARD_COUNT: z.coerce.number().int().min(1).max(4096).default(16),
  /** How long a worker holds a job before another may take it over as stalled. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Events whose timestamp is older than this many days are expired by a TTL index, which the
   * API sets to this value at start (the only process that does).
   */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  /** How long a webhook destination has to answer a delivery before the attempt fails. */
  DESTINATION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Attempts of a delivery (the first and its retries) before it is dead-lettered. */
  DESTINATION_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /**
   * The first retry's delay of a failed delivery; each next one doubles it (8 attempts: about
   * 2 minutes from the first to the last, by default).
   */
  DESTINATION_BACKOFF_MS: z.coerce.number().int().min(1).default(1000),
  /**
   * Requests one API key may make per minute, counted in Redis across every API process of the
   * deployment (QUEUE_PREFIX); past it, 429 with Retry-After. Generous: the console's pages and
   * Bull Board poll, and event ingestion may post many batches a second. 0 turns the limit off.
   */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /**
   * Requests with a missing or wrong key one client address may make per minute; past it, every
   * request from that address is a 429 until the minute ends (key guessing). 0 turns it off.
   */
  RATE_LIMIT_FAILED_AUTH_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /**
   * Proxies in front of the API whose X-Forwarded-For is believed (Express's `trust proxy` hop
   * count): the client address of the failed-authentication limit. 0 (none) unless a load
   * balancer sets the header, else every client would share the balancer's address.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses `env` (default: the process environment); every bad variable is named in the error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new ConfigError(`invalid environment:\n${lines.join("\n")}`);
}
