/**
 * `npm run bench:webhooks`: webhook delivery throughput on the local services
 * (bench/webhook-throughput.ts). BENCH_WEBHOOK_CHANGES changes (default 50,000) recorded at once,
 * BENCH_WEBHOOK_DESTINATIONS destinations (default 2) each receiving all of them, one worker
 * process with WORKER_CONCURRENCY BENCH_WEBHOOK_CONCURRENCY (default 2). The last line is one
 * JSON object with the figures.
 */
import { ensureServices } from "@segflow/testing";
import { measureWebhooks } from "./webhook-throughput.js";

const services = await ensureServices({ log: (l) => console.error(l) });
const result = await measureWebhooks({
  redisUrl: services.redisUrl,
  mongoUrl: services.mongoUrl,
  changes: Number(process.env.BENCH_WEBHOOK_CHANGES ?? 50_000),
  destinations: Number(process.env.BENCH_WEBHOOK_DESTINATIONS ?? 2),
  concurrency: Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 2),
  log: (line) => console.log(line),
});
console.log(
  `${result.changes} changes × ${result.destinations} destinations in ${result.deliveries} deliveries: ` +
    `${result.seconds} s (outbox empty after ${result.publishSeconds} s) = ${result.changesPerSec} changes/s, ` +
    `${result.deliveriesPerSec} deliveries/s, ${result.badSignatures} bad signatures`,
);
console.log(JSON.stringify({ mongo: services.mongoKind, ...result }));
