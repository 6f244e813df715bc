/**
 * One webhook delivery attempt (packages/destinations, `deliver`), logged with its outcome. A
 * failed attempt throws, so BullMQ retries it with the job's backoff (DESTINATION_ATTEMPTS,
 * DESTINATION_BACKOFF_MS); after the last one, {@link deadLetterOfJob} makes it a dead letter.
 */
import { deliver as attempt, DeliveryFailedError, deadLetter } from "@segflow/destinations";
import { scoped } from "@segflow/logger";
import type { Job, JobPayload } from "@segflow/queues";
import type { WorkerContext } from "../context.js";

export async function deliver(ctx: WorkerContext, job: Job, payload: JobPayload<"deliver">) {
  const { deliveryId } = payload;
  const log = scoped(ctx.logger, { jobId: job.id, queue: "feed" });
  try {
    const result = await attempt(ctx.store, deliveryId, { timeoutMs: ctx.config.DESTINATION_TIMEOUT_MS });
    if (result.outcome === "delivered") {
      log.info(
        {
          deliveryId,
          destination: result.destinationId,
          statusCode: result.statusCode,
          ms: result.ms,
          changes: result.changes,
          attempt: job.attemptsMade + 1,
        },
        "delivery delivered",
      );
    } else {
      log.info({ deliveryId, ...result }, `delivery ${result.outcome}`);
    }
    return result;
  } catch (error) {
    if (error instanceof DeliveryFailedError) {
      log.warn(
        {
          deliveryId,
          destination: error.destinationId,
          statusCode: error.statusCode,
          ms: error.ms,
          attempt: job.attemptsMade + 1,
          attempts: job.opts.attempts,
          err: error.message,
        },
        "delivery failed",
      );
    }
    throw error;
  }
}

/** The feed queue's final-failure hook: a delivery out of attempts becomes a dead letter. */
export function deadLetterOfJob(ctx: WorkerContext) {
  return async (job: Job, error: Error): Promise<void> => {
    const deliveryId = (job.data as { deliveryId?: unknown }).deliveryId;
    if (job.name !== "deliver" || typeof deliveryId !== "string") return;
    if (await deadLetter(ctx.store, deliveryId, error.message)) {
      ctx.logger.warn(
        { jobId: job.id, deliveryId, attempts: job.attemptsMade, err: error.message },
        "delivery dead",
      );
    }
  };
}
