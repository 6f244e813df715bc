/**
 * A delivery's body as sent (README.md, "Destinations (webhooks)"):
 * `{"deliveryId", "changes": [{"id", "profileId", "segmentId", "status", "at", "source", "runId"}]}`,
 * instants as ISO 8601 strings in UTC. The signature is over these exact bytes.
 */
import type { DeliveryDoc, FeedChange } from "@segflow/store";

/** One change in a body. */
export interface FeedChangeBody {
  /** Stable across retries and replays: receivers deduplicate by it. */
  id: string;
  profileId: string;
  segmentId: string;
  status: FeedChange["status"];
  at: string;
  source: FeedChange["source"];
  runId: string;
}

export interface DeliveryBody {
  deliveryId: string;
  changes: FeedChangeBody[];
}

export function deliveryBody(delivery: Pick<DeliveryDoc, "_id" | "changes">): string {
  const body: DeliveryBody = {
    deliveryId: delivery._id,
    changes: delivery.changes.map((c) => ({
      id: c.id,
      profileId: c.profileId,
      segmentId: c.segmentId,
      status: c.status,
      at: c.at.toISOString(),
      source: c.source,
      runId: c.runId,
    })),
  };
  return JSON.stringify(body);
}
