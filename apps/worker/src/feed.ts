/**
 * The membership feed seen from the worker (ARCHITECTURE.md, "Membership feed and destinations"):
 * asking for a publish after recording changes, and the sweep that publishes what a process
 * recorded before dying without asking.
 */
import type { Producer } from "@segflow/queues";
import { schedulerIds } from "@segflow/queues";
import type { WorkerContext } from "./context.js";

/**
 * Asks for a publish of the changes recorded so far: call it after recording changes (a batch
 * shard, a streaming evaluation). Cheap and safe to call often: requests while a publish waits
 * join it, and a request while one runs keeps exactly one more to run after it. If it fails, the
 * sweep publishes the changes within {@link FEED_SWEEP_PATTERN}'s period.
 */
export function requestPublish(ctx: Pick<WorkerContext, "producer">): Promise<void> {
  return ctx.producer.requestFeedPublish();
}

/**
 * {@link requestPublish} for callers that ask many times a second (streaming evaluations): one
 * request at a time goes to Redis, and every call made while it is on its way is answered by the
 * one request sent after it (sent after their changes were recorded, so it covers them).
 */
export function coalescedPublishRequests(ctx: Pick<WorkerContext, "producer">): () => Promise<void> {
  let sending: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const send = (): Promise<void> => {
    const request = requestPublish(ctx).finally(() => {
      if (sending === request) sending = undefined;
    });
    sending = request;
    return request;
  };
  return () => {
    if (!sending) return send();
    queued ??= sending
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return send();
      });
    return queued;
  };
}

/** Every 30 seconds (BullMQ's cron takes seconds as a sixth field, first). */
export const FEED_SWEEP_PATTERN = "*/30 * * * * *";

/** Creates or keeps the sweep's scheduler; every feed worker sets the same one. */
export function scheduleFeedSweep(producer: Producer): Promise<void> {
  return producer.setSchedule({
    id: schedulerIds.feedSweep,
    key: "sweepFeed",
    pattern: FEED_SWEEP_PATTERN,
    payload: {},
  });
}
