/** Request shapes of `/v1/destinations` (answers: @segflow/api-contract's destinations). */
import { SEGMENT_ID } from "@segflow/store";
import { z } from "zod";
import { LIMITS, request, SegmentId } from "../http/schemas.js";

export const DestinationId = z
  .string()
  .regex(SEGMENT_ID, "letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters");

/** Where deliveries are POSTed: an absolute http(s) URL. */
const WebhookUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an absolute http:// or https:// URL")
  .meta({ description: "absolute http(s) URL the deliveries are POSTed to" });

const Secret = z
  .string()
  .min(1, "must not be empty")
  .max(1024)
  .meta({ description: "the key of the X-Segflow-Signature HMAC; stored, never answered" });

/** Segment ids, each once (a repeated id counts once). */
const Segments = z
  .array(SegmentId)
  .min(1, "name at least one segment, or leave segments out for every segment")
  .max(LIMITS.segmentsPerRequest)
  .transform((ids) => [...new Set(ids)]);

export const CreateDestinationBody = request(
  "CreateDestinationRequest",
  z.strictObject({
    id: DestinationId,
    url: WebhookUrl,
    secret: Secret,
    segments: Segments.optional().meta({
      description: "the segments whose changes it receives; all when absent",
    }),
  }),
);

export const UpdateDestinationBody = request(
  "UpdateDestinationRequest",
  z
    .strictObject({
      url: WebhookUrl.optional(),
      secret: Secret.optional(),
      segments: Segments.nullable()
        .optional()
        .meta({ description: "the segments whose changes it receives; null for every segment" }),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), {
      message: "nothing to update: give url, secret or segments",
    }),
);

export const DeadLetterQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMITS.deadLetters.max)
    .default(LIMITS.deadLetters.default)
    .meta({ description: "dead letters per page" }),
  after: z
    .string()
    .min(1)
    .max(LIMITS.cursorLength)
    .optional()
    .meta({ description: "the `next` of the previous page" }),
});

export const DeliveryParams = z.strictObject({
  id: z.string().max(LIMITS.idLength).meta({ description: "destination id" }),
  deliveryId: z.string().max(LIMITS.idLength).meta({ description: "delivery id" }),
});
