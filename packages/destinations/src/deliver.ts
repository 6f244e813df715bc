/**
 * One attempt at a delivery: POST its signed body to its destination. A 2xx answer delivers it;
 * any other answer, a timeout or no connection fails the attempt (`DeliveryFailedError`), which
 * the caller retries with backoff and, after the last attempt, dead-letters (`deadLetter`). Each
 * attempt is counted on the delivery with its error, so the dead-letter list says what happened.
 */
import {
  type DeliveryDoc,
  getDelivery,
  getDestination,
  markDeliveryDead,
  recordDeliveryAttempt,
  type Store,
} from "@segflow/store";
import { deliveryBody } from "./delivery-body.js";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature.js";

export interface DeliverOptions {
  /** DESTINATION_TIMEOUT_MS: the whole call, from connecting to the end of the answer. */
  timeoutMs: number;
  /** @defaultValue the current time */
  now?: () => Date;
}

/** What an attempt came to when it did not fail. */
export type DeliverResult =
  | { outcome: "delivered"; destinationId: string; statusCode: number; ms: number; changes: number }
  /** Nothing to send: the delivery is gone, or not pending (delivered, or dead meanwhile). */
  | { outcome: "skipped"; reason: "missing" | DeliveryDoc["status"] }
  /** Its destination was deleted: the delivery is dropped with it. */
  | { outcome: "dropped"; destinationId: string };

/** A failed attempt: retried by the caller. */
export class DeliveryFailedError extends Error {
  override name = "DeliveryFailedError";
  constructor(
    message: string,
    readonly destinationId: string,
    readonly statusCode: number | null,
    readonly ms: number,
  ) {
    super(message);
  }
}

/** How much of a failing answer's body the error keeps. */
const SNIPPET_BYTES = 300;

export async function deliver(
  store: Store,
  deliveryId: string,
  options: DeliverOptions,
): Promise<DeliverResult> {
  const now = options.now ?? (() => new Date());
  const delivery = await getDelivery(store, deliveryId);
  if (!delivery) return { outcome: "skipped", reason: "missing" };
  if (delivery.status !== "pending") return { outcome: "skipped", reason: delivery.status };
  const destination = await getDestination(store, delivery.destinationId);
  if (!destination) {
    await store.deliveries.deleteOne({ _id: deliveryId });
    return { outcome: "dropped", destinationId: delivery.destinationId };
  }

  const body = deliveryBody(delivery);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = async (statusCode: number | null, error: string): Promise<never> => {
    await recordDeliveryAttempt(store, deliveryId, { ok: false, statusCode, error });
    throw new DeliveryFailedError(error, destination._id, statusCode, elapsed());
  };

  let response: Response;
  let snippet: string;
  try {
    response = await fetch(destination.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        [SIGNATURE_HEADER]: signatureHeader(destination.secret, body, now()),
        [DELIVERY_HEADER]: delivery._id,
      },
      body,
      // A redirect is not followed: the body was signed for this URL, and a 3xx is not a 2xx.
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    snippet = await readSnippet(response);
  } catch (error) {
    return fail(null, describeFetchError(error, options.timeoutMs));
  }
  if (response.status < 200 || response.status > 299) {
    return fail(response.status, `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}`);
  }
  await recordDeliveryAttempt(store, deliveryId, { ok: true, statusCode: response.status, at: now() });
  return {
    outcome: "delivered",
    destinationId: destination._id,
    statusCode: response.status,
    ms: elapsed(),
    changes: delivery.changeCount,
  };
}

/** After the last attempt: the delivery becomes a dead letter with the error that ended it. */
export function deadLetter(store: Store, deliveryId: string, error: string): Promise<boolean> {
  return markDeliveryDead(store, deliveryId, error);
}

/**
 * The start of an answer's body (for the error), read to its end when it is short so that the
 * connection is kept for the next call, and abandoned otherwise.
 */
async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > SNIPPET_BYTES) {
      await reader.cancel();
      break;
    }
  }
  const text = Buffer.concat(chunks).toString("utf8", 0, Math.min(size, SNIPPET_BYTES));
  return text.replace(/\s+/g, " ").trim();
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  // undici's `fetch failed` keeps the reason (ECONNREFUSED, ENOTFOUND, …) in its cause.
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message}: ${cause.code ?? cause.message}` : message;
}
