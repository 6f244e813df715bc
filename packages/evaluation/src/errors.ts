/** Errors a caller can act on; anything else is unexpected (and retried by queues). */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** The input can never succeed (bad definitions, unknown ids): do not retry. */
export class InvalidRequestError extends Error {
  override name = "InvalidRequestError";
  constructor(
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}
