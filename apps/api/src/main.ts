/**
 * The API process: configured by the environment alone (README.md, "Running the parts
 * yourself"). SIGTERM or SIGINT stops accepting connections, lets requests in flight finish,
 * closes the queues and the database, and exits 0.
 */
import type { Server } from "node:http";
import { loadConfig } from "@segflow/config";
import { createLogger } from "@segflow/logger";
import { Producer, producerConnection, requireNoEviction } from "@segflow/queues";
import { describeRetention, openStore, prepareStore } from "@segflow/store";
import { createApp } from "./app.js";
import { answerClientErrors } from "./http/client-errors.js";
import { BULL_BOARD_PATH } from "./ops/bull-board.js";

/** How long requests in flight get after a stop signal before their connections are cut. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ name: "api", level: config.LOG_LEVEL });
  if (config.API_KEYS.length === 0) {
    logger.fatal(
      "API_KEYS is empty: create a key with `npx segflow keys create --scopes read,write,admin` and set " +
        "API_KEYS to the entry it prints (comma-separated entries for several keys)",
    );
    process.exitCode = 1;
    return;
  }

  // A Redis that may evict keys would lose jobs: refuse to start, saying why (main's catch).
  await requireNoEviction(config.REDIS_URL, logger);
  const store = await openStore(config.MONGO_URL);
  // Every deployment runs the API, so it alone sets up indexes and retention (ARCHITECTURE.md,
  // "Store setup"), before it accepts requests.
  const setup = await prepareStore(store, { eventRetentionDays: config.EVENT_RETENTION_DAYS });
  logger.info({ retention: setup.retention }, describeRetention(setup.retention));
  const producer = new Producer(producerConnection(config.REDIS_URL), config.QUEUE_PREFIX);
  // Redis outages surface as errors on the queues; requests answer 503 and /readyz says why.
  const onRedisError = (error: Error) => logger.warn({ err: error }, `redis: ${error.message}`);
  for (const queue of Object.values(producer.queues)) queue.on("error", onRedisError);
  producer.flows.on("error", onRedisError);
  const app = createApp({ store, producer, config, logger });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, (error?: Error) => (error ? reject(error) : resolve(s)));
    answerClientErrors(s);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  logger.info(
    { url, docs: `${url}/docs`, bullBoard: `${url}${BULL_BOARD_PATH}`, queuePrefix: config.QUEUE_PREFIX },
    `segflow api listening on ${url} (docs ${url}/docs, Bull Board ${url}${BULL_BOARD_PATH})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: no new connections, finishing requests in flight");
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(cut);
    try {
      await producer.close();
      await store.close();
    } catch (error) {
      logger.error({ err: error }, "error while closing connections");
      process.exit(1);
    }
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  // Before the logger exists (a bad environment) or while connecting: say it plainly.
  process.stderr.write(`segflow api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
