/** Stored destinations and dead letters → response bodies: never the secret, instants as ISO strings. */
import type { DeadLetterResponse, DestinationResponse } from "@segflow/api-contract";
import type { DeadLetter, DestinationDoc } from "@segflow/store";

const iso = (d: Date) => d.toISOString();

export function destinationView(doc: DestinationDoc): DestinationResponse {
  return {
    id: doc._id,
    url: doc.url,
    secretSet: doc.secret.length > 0,
    segments: doc.segments,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function deadLetterView(doc: DeadLetter): DeadLetterResponse {
  return {
    id: doc._id,
    changes: doc.changeCount,
    attempts: doc.attempts,
    lastError: doc.lastError,
    lastStatusCode: doc.lastStatusCode,
    replays: doc.replays,
    createdAt: iso(doc.createdAt),
    deadAt: doc.deadAt ? iso(doc.deadAt) : null,
  };
}
