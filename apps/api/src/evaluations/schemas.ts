/** Request shapes of `/v1/evaluations` (answers: @segflow/api-contract's evaluations). */
import { z } from "zod";
import { Instant, LIMITS, request, SegmentId } from "../http/schemas.js";

export const StartEvaluationBody = request(
  "StartEvaluationRequest",
  z.strictObject({
    segmentIds: z.array(SegmentId).max(LIMITS.segmentsPerRequest).optional().meta({
      description: "segments to evaluate (with what they read); all stored segments when absent or empty",
    }),
    now: Instant.optional(),
  }),
);

export const IdempotencyKey = z
  .string()
  .min(1)
  .max(256)
  .optional()
  .meta({ description: "the same key returns the same run, queued once" });
