/** `/v1/segments`: stored segments, validation, size estimates and backtests. */
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
    segmentId: z.string().nullable().meta({ description: "null for a definition sent without an id" }),
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
    sampleRequested: z.number().int().meta({ description: "the sample size asked for" }),
    matched: z.number().int(),
    population: z.number().int(),
    interval: z.object({ low: z.number().int(), high: z.number().int(), confidence: z.number() }),
    now: IsoDate,
    buckets: z.object({ from: z.number().int(), count: z.number().int() }),
    truncated: z.boolean().meta({
      description:
        "the time budget ended the read before the sample asked for was read: sampleSize is smaller",
    }),
  }),
);
export type EstimateResponse = z.infer<typeof EstimateResponse>;

export const BacktestResponse = response(
  "Backtest",
  z.object({
    points: z
      .array(
        z.object({
          at: IsoDate,
          estimate: z
            .number()
            .int()
            .meta({ description: "estimated members at `at` in the whole population" }),
          matched: z.number().int().meta({ description: "sampled profiles in the segment at `at`" }),
          interval: z.object({ low: z.number().int(), high: z.number().int() }),
        }),
      )
      .meta({ description: "one per instant: from, from + step, … up to to" }),
    confidence: z.number().meta({ description: "of every point's interval" }),
    sample: z.object({
      size: z.number().int().meta({ description: "profiles evaluated, each at every instant" }),
      requested: z.number().int(),
      population: z.number().int(),
      buckets: z.object({ from: z.number().int(), count: z.number().int() }),
      truncated: z.boolean().meta({ description: "the time budget ended the read early: size is smaller" }),
    }),
    tookMs: z.number(),
  }),
);
export type BacktestResponse = z.infer<typeof BacktestResponse>;
