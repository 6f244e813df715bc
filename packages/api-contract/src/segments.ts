/** `/v1/segments`: stored segments, validation and size estimates. */
import { z } from "zod";
import { IsoDate } from "./common.js";
import { response } from "./registry.js";

export const SegmentResponse = response(
  "Segment",
  z.object({
    id: z.string(),
    name: z.string(),
    definition: z.string(),
    streaming: z.boolean(),
    schedule: z.string().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  }),
);
export type SegmentResponse = z.infer<typeof SegmentResponse>;

export const SegmentListResponse = response("SegmentList", z.object({ segments: z.array(SegmentResponse) }));
export type SegmentListResponse = z.infer<typeof SegmentListResponse>;

export const LanguageErrorResponse = response(
  "LanguageError",
  z.object({
    segmentId: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    reason: z.string(),
    message: z.string(),
  }),
);
export type LanguageErrorResponse = z.infer<typeof LanguageErrorResponse>;

export const ValidateResponse = response(
  "ValidationResult",
  z.object({ valid: z.boolean(), errors: z.array(LanguageErrorResponse) }),
);
export type ValidateResponse = z.infer<typeof ValidateResponse>;

export const EstimateResponse = response(
  "Estimate",
  z.object({
    estimate: z.number().int().meta({ description: "estimated members in the whole population" }),
    sampleSize: z.number().int().meta({ description: "profiles evaluated" }),
    matched: z.number().int(),
    population: z.number().int(),
    interval: z.object({ low: z.number().int(), high: z.number().int(), confidence: z.number() }),
    now: IsoDate,
    buckets: z.object({ from: z.number().int(), count: z.number().int() }),
  }),
);
export type EstimateResponse = z.infer<typeof EstimateResponse>;
