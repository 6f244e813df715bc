/**
 * A propensity model instance as users define it (README.md, "The model instance"): through
 * `POST /v1/models`, or as `M.json` for `segflow propensity fit`, both of which take a
 * {@link ModelDefinition} (the instance and its id). Defaults follow Adobe Customer AI where it
 * has one.
 */
import { z } from "zod";

const cron = z.string().trim().min(1, 'must be a cron expression, e.g. "0 3 * * *"');

export const ModelSpec = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    /** `conversion`: the goal occurs within the window (positive). `churn`: it does not. */
    type: z.enum(["conversion", "churn"]),
    /** An event filter in the segment language, e.g. `type = "purchase"`. */
    goal: z.string().trim().min(1, 'must be an event filter, e.g. type = "purchase"'),
    /** Prediction window: does the goal occur in the `windowDays` after a cutoff? */
    windowDays: z.number().int().min(1).max(365),
    /** Features read history up to this far back from a cutoff. */
    lookbackDays: z.number().int().min(7).max(730).default(90),
    /** A segment expression: only profiles it selects (as of each cutoff) are trained and scored. */
    eligible: z.string().trim().min(1).optional(),
    /**
     * Attribute paths used as features (dotted, e.g. `loyalty.tier`). Empty (the default): every
     * attribute with usable coverage is considered (README.md, "Attributes"); listed: only those.
     */
    attributes: z.array(z.string().trim().min(1)).max(50).default([]),
    /** Event types counted as features; when absent, the 20 most frequent types in the data. */
    eventTypes: z.array(z.string().trim().min(1)).min(1).max(50).optional(),
    /** BullMQ cron patterns for retraining and rescoring (trainer), both optional. */
    schedule: z.object({ train: cron.optional(), score: cron.optional() }).strict().default({}),
    /**
     * Score band thresholds on the 0-100 score: low below `medium`, high from `high` up. The
     * field keeps its stored and JSON name, `buckets` (ARCHITECTURE.md, "Conventions").
     */
    buckets: z
      .object({
        medium: z.number().min(0).max(100).default(25),
        high: z.number().min(0).max(100).default(75),
      })
      .strict()
      .refine((b) => b.medium < b.high, { message: "medium must be below high" })
      .default({ medium: 25, high: 75 }),
    /** Data checks before training (Adobe's defaults). */
    dataChecks: z
      .object({
        minPositives: z.number().int().min(1).default(500),
        minNegatives: z.number().int().min(1).default(500),
      })
      .strict()
      .default({ minPositives: 500, minNegatives: 500 }),
    /** A model whose validation AUC is below this is stored as `poor` and its scores are not written. */
    minAuc: z.number().min(0.5).max(1).default(0.65),
  })
  .strict();

/** As users write it (defaults optional). */
export type ModelSpecInput = z.input<typeof ModelSpec>;
/** With every default applied. */
export type ModelSpec = z.output<typeof ModelSpec>;

/**
 * The rule of model ids. The id is also the key of the model's scores on a profile
 * (`scores.<id>`), so it must be a safe MongoDB field name: the rule of segment ids
 * (packages/store's `SEGMENT_ID`), restated here because this package holds no storage code and
 * does not depend on the store. apps/api's models.int.test.ts checks that the two agree.
 */
export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const ModelId = z
  .string()
  .regex(MODEL_ID, "letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters");

/**
 * A model as users write it, the one document `POST /v1/models` and `segflow propensity fit
 * --model` both take: the instance and an optional id (the API makes one from the name when it is
 * absent; the offline fit does not use it). One schema for both, so that a file accepted by one is
 * never refused by the other for an unknown field.
 */
export const ModelDefinition = ModelSpec.extend({ id: ModelId.optional() }).strict();

export type ModelDefinition = z.output<typeof ModelDefinition>;
