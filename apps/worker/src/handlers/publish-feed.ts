/**
 * The feed's publisher job: turns the changes not yet published into deliveries and enqueues a
 * deliver job for each (packages/destinations, `publishFeed`). One runs at a time (deduplicated);
 * when it stops at its batch limit with changes left, it asks for the next run itself.
 */
import { publishFeed as publish } from "@segflow/destinations";
import { scoped } from "@segflow/logger";
import type { Job } from "@segflow/queues";
import type { WorkerContext } from "../context.js";
import { requestPublish } from "../feed.js";

export async function publishFeed(ctx: WorkerContext, job: Job) {
  const retry = { attempts: ctx.config.DESTINATION_ATTEMPTS, backoffMs: ctx.config.DESTINATION_BACKOFF_MS };
  const started = Date.now();
  const result = await publish(ctx.store, {
    enqueue: (deliveryIds) => ctx.producer.enqueueDeliveries(deliveryIds, retry),
  });
  if (result.more) await requestPublish(ctx);
  if (result.batches > 0) {
    scoped(ctx.logger, { jobId: job.id, queue: "feed" }).info(
      { ...result, ms: Date.now() - started },
      "feed published",
    );
  }
  return result;
}

/** Fired by the sweep's scheduler: a publish request like any other. */
export async function sweepFeed(ctx: WorkerContext) {
  await requestPublish(ctx);
  return { requested: true };
}
