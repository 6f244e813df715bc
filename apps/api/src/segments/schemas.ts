/** Request shapes of `/v1/segments` (answers: @segflow/api-contract's segments). */
import { z } from "zod";
import { Definition, Instant, LIMITS, request, Schedule, SegmentId } from "../http/schemas.js";

export const CreateSegmentBody = request(
  "CreateSegmentRequest",
  z.object({
    id: SegmentId.optional().meta({ description: "generated from the name when absent" }),
    name: z.string().trim().min(1).max(LIMITS.nameLength),
    definition: Definition,
    streaming: z.boolean().optional(),
    schedule: Schedule.optional(),
  }),
);

export const UpdateSegmentBody = request(
  "UpdateSegmentRequest",
  z
    .object({
      name: z.string().trim().min(1).max(LIMITS.nameLength).optional(),
      definition: Definition.optional(),
      streaming: z.boolean().optional(),
      schedule: Schedule.optional(),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), {
      message: "nothing to update: give name, definition, streaming or schedule",
    }),
);

const SegmentDefinitionInput = z.object({ id: SegmentId, definition: Definition });

export const ValidateSegmentsBody = request(
  "ValidateSegmentsRequest",
  z
    .object({
      definition: Definition.optional(),
      id: SegmentId.optional(),
      segments: z.array(SegmentDefinitionInput).min(1).max(LIMITS.segmentsPerRequest).optional(),
    })
    .superRefine((b, ctx) => {
      if ((b.definition === undefined) === (b.segments === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["definition"],
          message: 'give either "definition" (one segment, with an optional "id") or "segments" (a set)',
        });
      }
    })
    .meta({
      description: "one definition ({ definition, id? }) or a set ({ segments: [{ id, definition }] })",
    }),
);

export const EstimateBody = request(
  "EstimateRequest",
  z.object({
    definition: Definition,
    id: SegmentId.optional().meta({ description: "the id it would be stored under (inSegment cycles)" }),
    sampleSize: z.number().int().min(1).max(LIMITS.sampleSize.max).default(LIMITS.sampleSize.default),
    now: Instant.optional(),
  }),
);
