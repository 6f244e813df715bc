/**
 * What a request about destinations got wrong, with the error code the API answers
 * (`not_found` 404, `conflict` 409) and details naming where.
 */
export class DestinationRequestError extends Error {
  override name = "DestinationRequestError";
  constructor(
    readonly code: "not_found" | "conflict",
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}
