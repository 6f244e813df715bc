/**
 * Webhook delivery throughput, for `bench/webhooks.ts` and any benchmark that wants the figure:
 * records `changes` membership changes into the feed's outbox at once (as a batch run that
 * changes that many memberships does), points `destinations` destinations at a local receiver
 * (node:http, which checks every signature), asks one worker process (`WORKER_QUEUES=feed`) for a
 * publish, and times until the receiver has every change at every destination.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "@segflow/destinations";
import { Producer, producerConnection, QueueInspector, schedulerIds } from "@segflow/queues";
import {
  createDestination,
  createStoreIndexes,
  type MembershipChangeDoc,
  openStore,
  pendingChangeCount,
  recordMembershipChanges,
} from "@segflow/store";
import { mongoUrlWithDatabase, type Running, startSegflow, uniqueName, waitFor } from "@segflow/testing";

export interface WebhookBenchOptions {
  redisUrl: string;
  /** The server's URL; a fresh database is created on it and dropped afterwards. */
  mongoUrl: string;
  /** @defaultValue 50,000 */
  changes?: number;
  /** Each receives every change. @defaultValue 2 */
  destinations?: number;
  /** The worker's WORKER_CONCURRENCY (deliveries at once, the publisher included). @defaultValue 2 */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface WebhookBenchResult {
  changes: number;
  destinations: number;
  deliveries: number;
  concurrency: number;
  /** From the publish request until the outbox was empty (every delivery written and queued). */
  publishSeconds: number;
  /** From the publish request until the receiver had every change at every destination. */
  seconds: number;
  /** Changes delivered per second, summed over the destinations. */
  changesPerSec: number;
  deliveriesPerSec: number;
  /** Calls whose signature the receiver refused (0 expected). */
  badSignatures: number;
}

const SECRET = "bench-secret";

export async function measureWebhooks(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const total = options.changes ?? 50_000;
  const destinations = options.destinations ?? 2;
  const concurrency = options.concurrency ?? 2;
  const log = options.log ?? (() => {});
  const mongoUrl = mongoUrlWithDatabase(options.mongoUrl, uniqueName("bench_webhooks"));
  const queuePrefix = uniqueName("bench_webhooks");
  const store = await openStore(mongoUrl);
  const producer = new Producer(producerConnection(options.redisUrl), queuePrefix);
  let server: Server | undefined;
  let worker: Running | undefined;
  try {
    await createStoreIndexes(store);
    let received = 0;
    let calls = 0;
    let badSignatures = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (!verifySignature(SECRET, req.headers["x-segflow-signature"] as string | undefined, raw))
          badSignatures++;
        received += (JSON.parse(raw) as { changes: unknown[] }).changes.length;
        calls++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    for (let d = 0; d < destinations; d++) {
      await createDestination(store, { id: `bench-${d}`, url, secret: SECRET, segments: null });
    }

    worker = startSegflow("worker", "worker", {
      REDIS_URL: options.redisUrl,
      MONGO_URL: mongoUrl,
      QUEUE_PREFIX: queuePrefix,
      WORKER_QUEUES: "feed",
      WORKER_CONCURRENCY: String(concurrency),
      LOG_LEVEL: "warn",
    });
    // The worker sets the feed's sweep; without it nothing is published until asked below.
    const sweep = new QueueInspector(options.redisUrl, queuePrefix);
    await waitFor(
      "worker ready",
      async () => !!(await sweep.queue("feed").getJobScheduler(schedulerIds.feedSweep)),
      60_000,
      worker,
    );
    await producer.removeSchedule("feed", schedulerIds.feedSweep);
    await sweep.close();

    let t = performance.now();
    const at = new Date();
    for (let i = 0; i < total; i += 5000) {
      const docs: MembershipChangeDoc[] = [];
      for (let j = i; j < Math.min(total, i + 5000); j++) {
        const profileId = `p${String(j).padStart(7, "0")}`;
        docs.push({
          _id: `bench-run:gold:${profileId}`,
          profileId,
          segmentId: "gold",
          status: "realized",
          at,
          runId: "bench-run",
          source: "batch",
        });
      }
      await recordMembershipChanges(store, docs);
    }
    log(`recorded ${total} changes in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    await producer.requestFeedPublish();
    let publishSeconds = 0;
    await waitFor(
      "every change delivered",
      async () => {
        if (!publishSeconds && (await pendingChangeCount(store)) === 0)
          publishSeconds = (performance.now() - t) / 1000;
        return received >= total * destinations;
      },
      600_000,
      worker,
    );
    const seconds = (performance.now() - t) / 1000;
    if (!publishSeconds) publishSeconds = seconds;
    const round = (n: number, digits = 1) => Number(n.toFixed(digits));
    return {
      changes: total,
      destinations,
      deliveries: calls,
      concurrency,
      publishSeconds: round(publishSeconds, 2),
      seconds: round(seconds, 2),
      changesPerSec: Math.round((total * destinations) / seconds),
      deliveriesPerSec: round(calls / seconds),
      badSignatures,
    };
  } finally {
    await worker?.stop();
    const queues = new QueueInspector(options.redisUrl, queuePrefix);
    await queues.obliterate().finally(() => queues.close());
    await producer.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await store.db.dropDatabase();
    await store.close();
  }
}
