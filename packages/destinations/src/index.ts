/**
 * @segflow/destinations: the membership feed and its webhook destinations (ARCHITECTURE.md,
 * "Membership feed and destinations"): publishing recorded changes into deliveries, signing and
 * POSTing them, dead letters and their replay. No queue code: apps/worker and apps/api enqueue.
 */
export {
  type DeadLetterPage,
  deadLetters,
  type Replayed,
  replayAllDeadLetters,
  replayDeadLetter,
} from "./dead-letters.js";
export {
  type DeliverOptions,
  type DeliverResult,
  DeliveryFailedError,
  deadLetter,
  deliver,
} from "./deliver.js";
export { type DeliveryBody, deliveryBody, type FeedChangeBody } from "./delivery-body.js";
export {
  changeDestination,
  type DestinationPatch,
  type DestinationRequest,
  receives,
  registerDestination,
  removeDestination,
  requireDestination,
} from "./destinations.js";
export { DestinationRequestError } from "./errors.js";
export {
  deliveriesOf,
  PUBLISH_BATCH,
  type PublishOptions,
  type PublishResult,
  publishFeed,
} from "./publish.js";
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  signaturePayload,
  type VerifyOptions,
  verifySignature,
} from "./signature.js";
