import { deleteEventsBefore } from "@segflow/store";
import type { WorkerContext } from "../context.js";

const DAY_MS = 86_400_000;

/** Retention: where the server has no TTL index (FerretDB), this job keeps `events` bounded. */
export async function cleanupEvents(ctx: WorkerContext) {
  const cutoff = new Date(Date.now() - ctx.config.EVENT_RETENTION_DAYS * DAY_MS);
  const deleted = await deleteEventsBefore(ctx.store, cutoff);
  ctx.logger.info({ deleted, cutoff }, "old events removed");
  return { deleted };
}
