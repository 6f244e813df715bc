/** `/v1/evaluations`: batch runs, their progress and their counts per segment. */
import { z } from "zod";
import { IsoDate } from "./common.js";
import { response } from "./registry.js";
import { RunStatus } from "./statuses.js";

/** Transitions of one segment in a run. */
export const SegmentCounts = z.object({
  realized: z.number().int(),
  existing: z.number().int(),
  exited: z.number().int(),
  total: z.number().int(),
});
export type SegmentCounts = z.infer<typeof SegmentCounts>;

export const EvaluationAccepted = response(
  "EvaluationAccepted",
  z.object({
    id: z.string(),
    status: RunStatus,
    created: z.boolean().meta({ description: "false when the Idempotency-Key named an existing run" }),
  }),
);
export type EvaluationAccepted = z.infer<typeof EvaluationAccepted>;

export const EvaluationProgress = z.object({
  shardsDone: z.number().int().meta({ description: "shards finished" }),
  shardsTotal: z.number().int(),
  profilesDone: z.number().int().meta({
    description:
      "profiles evaluated: finished shards' and what running shards have reported (about every second)",
  }),
  profilesTotal: z
    .number()
    .int()
    .nullable()
    .meta({
      description:
        "profiles in the store when the run was created (profiles added or removed during the run make it approximate); " +
        "the profiles evaluated once completed; null for runs from before it was recorded",
    }),
  profilesPerSecond: z.number().nullable().meta({
    description: "profiles evaluated per second since the run started; null before the first report",
  }),
  etaSeconds: z.number().int().nullable().meta({
    description:
      "seconds left at the rate so far; null until it can be estimated (and for a failed run), 0 once completed",
  }),
});
export type EvaluationProgress = z.infer<typeof EvaluationProgress>;

export const EvaluationResponse = response(
  "Evaluation",
  z.object({
    id: z.string(),
    status: RunStatus,
    segmentIds: z.array(z.string()),
    now: IsoDate,
    progress: EvaluationProgress,
    counts: z
      .record(z.string(), SegmentCounts)
      .meta({ description: "final once completed, else the finished shards so far" }),
    idempotencyKey: z.string().nullable(),
    createdAt: IsoDate,
    startedAt: IsoDate.nullable(),
    finishedAt: IsoDate.nullable(),
    error: z.string().nullable(),
    errors: z
      .array(
        z.object({
          segmentId: z.string(),
          profileId: z.string(),
          message: z.string().meta({ description: "the error's class and message" }),
        }),
      )
      .meta({
        description:
          "segments whose evaluation threw on a profile (that membership left as it was and not counted; the run went on): " +
          "the first 20 of the finished shards",
      }),
    errorCount: z
      .number()
      .int()
      .meta({ description: "how many segment evaluations threw on a profile in all" }),
  }),
);
export type EvaluationResponse = z.infer<typeof EvaluationResponse>;

export const EvaluationListResponse = response(
  "EvaluationList",
  z.object({ evaluations: z.array(EvaluationResponse) }),
);
