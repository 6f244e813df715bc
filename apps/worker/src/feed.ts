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
