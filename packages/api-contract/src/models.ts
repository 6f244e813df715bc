/**
 * Response shapes of `/v1/models` (built by apps/api's models/views.ts): the model, and the
 * insights of a version a person needs to trust it.
 */
import { z } from "zod";
import { IsoDate } from "./common.js";
import { response } from "./registry.js";
import { JobState, ModelStatus, ModelVersionStatus as VersionStatus } from "./statuses.js";

export const ModelResponse = response(
  "Model",
  z.object({
    id: z.string().meta({ description: "profiles carry the model's scores at scores.<id>" }),
    name: z.string(),
    type: z.enum(["conversion", "churn"]),
    goal: z.string(),
    windowDays: z.number().int(),
    lookbackDays: z.number().int(),
    eligible: z.string().nullable(),
    attributes: z.array(z.string()),
    eventTypes: z.array(z.string()).nullable(),
    schedule: z.object({ train: z.string().nullable(), score: z.string().nullable() }),
    buckets: z.object({ medium: z.number(), high: z.number() }),
    dataChecks: z.object({ minPositives: z.number().int(), minNegatives: z.number().int() }),
    minAuc: z.number(),
    status: ModelStatus,
    activeVersion: z
      .number()
      .int()
      .nullable()
      .meta({ description: "the version whose scores are on the profiles" }),
    error: z.string().nullable().meta({ description: "why the last training failed, or why it is poor" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  }),
);

export type ModelResponse = z.infer<typeof ModelResponse>;

export const ModelListResponse = response("ModelList", z.object({ models: z.array(ModelResponse) }));
export type ModelListResponse = z.infer<typeof ModelListResponse>;

const Factor = z.object({
  feature: z.string(),
  importance: z.number().meta({ description: "share of the total mean absolute contribution (sums to 1)" }),
  meanImpact: z.number().meta({ description: "mean signed contribution: which way it pushes on average" }),
});

/** One value per score band (the JSON names keep the contract's `bucket`: ARCHITECTURE.md, "Conventions"). */
const ByBand = <T extends z.ZodType>(item: T) => z.object({ low: item, medium: item, high: item });

export const ModelInsights = response(
  "ModelInsights",
  z
    .object({
      version: z.number().int(),
      versionStatus: VersionStatus,
      trainedAt: IsoDate,
      trainedFor: IsoDate.meta({ description: "the now the version was trained at (labels up to it)" }),
      auc: z.number().meta({
        description: "held-out AUC: the test profiles (never trained on) at the last labelled cutoff",
      }),
      validationAuc: z
        .number()
        .meta({ description: "the AUC the model was chosen by, and judged by (minAuc)" }),
      baseRate: z.number().meta({ description: "outcome rate in the test examples" }),
      trainBaseRate: z.number(),
      quality: z.enum(["good", "poor"]),
      minAuc: z.number(),
      kind: z.string().meta({ description: "the model chosen (logistic, mlp or ensemble)" }),
      candidates: z.array(
        z.object({
          kind: z.string(),
          l2: z
            .number()
            .nullable()
            .meta({ description: "its L2 regularisation (null: trained before it was tuned)" }),
          validationAuc: z.number(),
          epochs: z.number().int(),
          bestEpoch: z.number().int(),
        }),
      ),
      ensembleValidationAuc: z
        .number()
        .nullable()
        .meta({ description: "validation AUC of the ensemble of the logistic and the best mlp" }),
      calibration: z
        .object({
          method: z.enum(["prior", "intercept", "platt"]),
          scale: z.number(),
          offset: z.number(),
          validationLogLoss: z.object({
            prior: z.number(),
            intercept: z.number().optional().meta({ description: "absent for versions trained before it" }),
            platt: z.number(),
          }),
          testLogLoss: z.object({ prior: z.number(), calibrated: z.number() }),
        })
        .nullable()
        .meta({
          description:
            "p = sigmoid(scale * logit + offset): the prior correction, an intercept shift or Platt scaling, whichever gave the lowest validation log loss at the latest cutoff (out of sample)",
        }),
      cutoffs: z
        .object({
          cutoffs: z.enum(["all", "in phase"]),
          latestValidationAuc: z.object({ all: z.number(), inPhase: z.number() }).nullable(),
        })
        .nullable()
        .meta({
          description:
            "whether the model learned from every cutoff or those in phase with the window, and why",
        }),
      attributes: z
        .object({
          used: z.array(z.object({ path: z.string(), kind: z.string() })),
          skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
        })
        .nullable()
        .meta({ description: "the profile attributes used as features, and those left out with why" }),
      lift: z.number().meta({ description: "lift of the top decile" }),
      deciles: z
        .array(
          z.object({
            decile: z.number().int().meta({ description: "1: the tenth with the highest probabilities" }),
            count: z.number().int(),
            positives: z.number().int(),
            rate: z.number().meta({ description: "observed outcome rate" }),
            meanPredicted: z
              .number()
              .meta({ description: "mean predicted probability (against rate: calibration)" }),
            lift: z.number().meta({ description: "rate / base rate" }),
            cumulativeGain: z.number().meta({ description: "share of all positives in deciles 1..this one" }),
          }),
        )
        .meta({
          description: "test examples by decile of probability: lift, cumulative gain and calibration",
        }),
      scoreDistribution: z
        .array(z.object({ from: z.number(), to: z.number(), count: z.number().int() }))
        .meta({ description: "scored profiles by 0-100 score" }),
      bucketCounts: ByBand(z.number().int()),
      topFactors: z
        .array(Factor)
        .meta({ description: "the 10 most important factors over the scored profiles" }),
      topFactorsByBucket: ByBand(z.array(Factor)),
      examples: z.object({
        train: z.number().int(),
        validation: z.number().int(),
        test: z.number().int(),
        scored: z.number().int(),
      }),
      examplesAvailable: z
        .object({ train: z.number().int(), validation: z.number().int() })
        .nullable()
        .meta({ description: "labelled (profile, cutoff) pairs before sampling" }),
      refit: z.object({ examples: z.number().int() }).nullable().meta({
        description:
          "the scoring model was fitted again on every profile's examples (null: it was not, or trained before refits)",
      }),
      positives: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
      split: z.enum(["time", "profiles"]),
      trainingCutoffs: z.array(IsoDate),
      historyStart: IsoDate.nullable(),
      features: z.number().int(),
      backend: z.string().meta({ description: "the TF.js backend that trained it (tensorflow, wasm, cpu)" }),
      trainSeconds: z.number(),
    })
    .meta({ description: "the metrics of the active version, or of the latest one when none is active" }),
);
export type ModelInsights = z.infer<typeof ModelInsights>;

const OutcomeRates = z.object({
  profiles: z.number().int(),
  predictedRate: z.number().nullable(),
  actualRate: z.number().nullable(),
});

export const ModelOutcomesResponse = response(
  "ModelOutcomes",
  z.object({
    version: z.number().int(),
    status: z.enum(["checked", "waiting", "not_scored"]).meta({
      description:
        "checked: byBucket holds predicted versus actual; waiting: the window since scoring has not passed; " +
        "not_scored: the version was never scored (poor, or not yet)",
    }),
    availableAt: IsoDate.nullable().meta({ description: "scoring time + the window: when the check runs" }),
    checkedAt: IsoDate.nullable(),
    pendingProfiles: z
      .number()
      .int()
      .nullable()
      .meta({ description: "scored profiles whose window had not passed" }),
    byBucket: ByBand(OutcomeRates).nullable(),
  }),
);

export const ScoringProgressResponse = response(
  "ScoringProgress",
  z.object({
    version: z.number().int(),
    scoringId: z.string(),
    now: IsoDate,
    shardsDone: z.number().int(),
    shardsTotal: z.number().int(),
    profilesScored: z.number().int(),
    profilesWritten: z.number().int().meta({ description: "scores that changed and were written" }),
    startedAt: IsoDate,
  }),
);

export const ModelVersionSummary = response(
  "ModelVersionSummary",
  z.object({
    version: z.number().int(),
    status: VersionStatus,
    auc: z.number().nullable(),
    validationAuc: z.number().nullable(),
    quality: z.enum(["good", "poor"]).nullable(),
    trainedAt: IsoDate,
    trainedFor: IsoDate,
    scoredAt: IsoDate.nullable(),
  }),
);

export const ModelDetailResponse = response(
  "ModelDetail",
  ModelResponse.extend({
    metrics: ModelInsights.nullable(),
    outcomes: ModelOutcomesResponse.nullable(),
    scoring: ScoringProgressResponse.nullable().meta({ description: "the scoring pass under way, if any" }),
    versions: z.array(ModelVersionSummary).meta({ description: "newest first, at most 20" }),
  }),
);
export type ModelDetailResponse = z.infer<typeof ModelDetailResponse>;

export const ModelJobAccepted = response(
  "ModelJobAccepted",
  z.object({
    id: z.string(),
    jobId: z.string(),
    status: JobState.meta({
      description: "the job's state: waiting (queued), active (a trainer has it), delayed (retrying)",
    }),
    deduplicated: z.boolean().meta({
      description: "true when a job of this model was already queued or running: the request joined it",
    }),
  }),
);

export const ScoreJobAccepted = response(
  "ScoreJobAccepted",
  ModelJobAccepted.extend({
    version: z.number().int().meta({ description: "the version to be scored" }),
  }),
);
export type ModelJobAccepted = z.infer<typeof ModelJobAccepted>;
