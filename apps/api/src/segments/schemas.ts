/** Request shapes of `/v1/segments` (answers: @segflow/api-contract's segments). */
import { backtestPointCount, MAX_BACKTEST_POINTS, parseStep } from "@segflow/evaluation";
import { z } from "zod";
import { Definition, Instant, LIMITS, request, Schedule, SegmentId } from "../http/schemas.js";

const STREAMING_DESCRIPTION =
  "true: besides batch runs, the segment is re-evaluated for a profile whenever its events or attributes " +
  "arrive through POST /v1/events or POST /v1/profiles (requests for one profile coalesced), together " +
  "with the segments reading it through inSegment, and at the instant its membership may change with " +
  'time alone (a window closing); changes are recorded with source "streaming" and published to the ' +
  "destinations. Existing profiles are evaluated at their next event or the next batch run";
const Streaming = z.boolean().meta({ description: STREAMING_DESCRIPTION });

export const CreateSegmentBody = request(
  "CreateSegmentRequest",
  z.strictObject({
    id: SegmentId.optional().meta({ description: "generated from the name when absent" }),
    name: z.string().trim().min(1).max(LIMITS.nameLength),
    definition: Definition,
    streaming: Streaming.optional().meta({ description: `${STREAMING_DESCRIPTION} (false when absent)` }),
    schedule: Schedule.optional(),
  }),
);

export const UpdateSegmentBody = request(
  "UpdateSegmentRequest",
  z
    .strictObject({
      name: z.string().trim().min(1).max(LIMITS.nameLength).optional(),
      definition: Definition.optional(),
      streaming: Streaming.optional(),
      schedule: Schedule.optional(),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), {
      message: "nothing to update: give name, definition, streaming or schedule",
    }),
);

const SegmentDefinitionInput = z.strictObject({ id: SegmentId, definition: Definition });

export const ValidateSegmentsBody = request(
  "ValidateSegmentsRequest",
  z
    .strictObject({
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
  z.strictObject({
    definition: Definition,
    id: SegmentId.optional().meta({ description: "the id it would be stored under (inSegment cycles)" }),
    sampleSize: z.number().int().min(1).max(LIMITS.sampleSize.max).default(LIMITS.sampleSize.default),
    now: Instant.optional(),
  }),
);

/** A positive duration in the language's units, read as milliseconds. */
const Step = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    const ms = parseStep(text);
    if (ms === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `not a positive duration in minutes, hours, days or weeks (e.g. "1 day", "6 hours"): ${JSON.stringify(text)}`,
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'time between two points, e.g. "1 day", "6 hours", "2 weeks"' });

export const BacktestBody = request(
  "BacktestRequest",
  z
    .strictObject({
      definition: Definition,
      id: SegmentId.optional().meta({ description: "the id it would be stored under (inSegment cycles)" }),
      from: Instant.meta({ description: "the first instant" }),
      to: Instant.meta({ description: "the last instant (included when a step lands on it)" }),
      step: Step,
      sampleSize: z.number().int().min(1).max(LIMITS.sampleSize.max).default(LIMITS.sampleSize.default),
    })
    .superRefine((b, ctx) => {
      if (b.to < b.from) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `is before from (${b.from.toISOString()} > ${b.to.toISOString()})`,
        });
        return;
      }
      const points = backtestPointCount(b.from.getTime(), b.to.getTime(), b.step);
      if (points > MAX_BACKTEST_POINTS) {
        ctx.addIssue({
          code: "custom",
          path: ["step"],
          message: `makes ${points} points from ${b.from.toISOString()} to ${b.to.toISOString()}; at most ${MAX_BACKTEST_POINTS}: take a longer step or a shorter period`,
        });
      }
    })
    .meta({ description: `at most ${MAX_BACKTEST_POINTS} points: from, from + step, … up to to` }),
);
