/**
 * Model documents → `/v1/models` responses (the shapes of @segflow/api-contract): the model, and the
 * insights a person needs to trust it (apps/api/README.md, "Models"), read from the stored
 * metrics of a version (propensity's `ModelMetrics`), field by field so that the response stays
 * what the OpenAPI document says whatever else the metrics come to hold.
 */

import type {
  ModelDetailResponse,
  ModelInsights,
  ModelOutcomesResponse,
  ModelResponse,
  ModelVersionSummary,
  ScoringProgressResponse,
} from "@segflow/api-contract";
import type { FactorImportance, ModelMetrics } from "@segflow/propensity";
import {
  outcomesDueAt,
  type PropensityModel,
  type PropensityVersionSummary,
} from "@segflow/training/lifecycle";
import type { z } from "zod";

/** Factors shown, overall and per score band. */
const TOP_FACTORS = 10;
/** Versions listed, newest first. */
export const VERSIONS_SHOWN = 20;

const iso = (d: Date) => d.toISOString();

type Version = PropensityVersionSummary;

export function modelView(doc: PropensityModel): z.infer<typeof ModelResponse> {
  const { spec } = doc;
  return {
    id: doc._id,
    name: doc.name,
    type: spec.type,
    goal: spec.goal,
    windowDays: spec.windowDays,
    lookbackDays: spec.lookbackDays,
    eligible: spec.eligible ?? null,
    attributes: spec.attributes ?? [],
    eventTypes: spec.eventTypes ?? null,
    schedule: { train: spec.schedule?.train ?? null, score: spec.schedule?.score ?? null },
    buckets: spec.buckets,
    dataChecks: spec.dataChecks,
    minAuc: spec.minAuc,
    status: doc.status,
    activeVersion: doc.activeVersion,
    error: doc.error,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

const topFactors = (factors: FactorImportance[] | undefined) =>
  (factors ?? []).slice(0, TOP_FACTORS).map(({ feature, importance, meanImpact }) => ({
    feature,
    importance,
    meanImpact,
  }));

export function insightsView(version: Version): z.infer<typeof ModelInsights> {
  const m = version.metrics;
  return {
    version: version.version,
    versionStatus: version.status,
    trainedAt: iso(version.trainedAt),
    trainedFor: iso(version.trainedFor),
    auc: m.auc,
    validationAuc: m.validationAuc,
    baseRate: m.baseRate,
    trainBaseRate: m.trainBaseRate,
    quality: m.quality,
    minAuc: m.minAuc,
    kind: m.kind,
    candidates: m.candidates.map(({ kind, l2, validationAuc, epochs, bestEpoch }) => ({
      kind,
      l2: l2 ?? null,
      validationAuc,
      epochs,
      bestEpoch,
    })),
    // Versions trained before these metrics existed have none of them.
    ensembleValidationAuc: m.ensembleValidationAuc ?? null,
    calibration:
      m.calibration === undefined
        ? null
        : {
            method: m.calibration.method,
            scale: m.calibration.scale,
            offset: m.calibration.offset,
            validationLogLoss: { ...m.calibration.validationLogLoss },
            testLogLoss: { ...m.calibration.testLogLoss },
          },
    cutoffs:
      m.cutoffs === undefined
        ? null
        : {
            cutoffs: m.cutoffs.cutoffs,
            latestValidationAuc: m.cutoffs.latestValidationAuc && { ...m.cutoffs.latestValidationAuc },
          },
    attributes:
      m.attributes === undefined
        ? null
        : {
            used: m.attributes.used.map(({ path, kind }) => ({ path, kind })),
            skipped: m.attributes.skipped.map(({ path, reason }) => ({ path, reason })),
          },
    lift: m.lift,
    deciles: m.deciles.map((d) => ({
      decile: d.decile,
      count: d.count,
      positives: d.positives,
      rate: d.rate,
      meanPredicted: d.meanPredicted,
      lift: d.lift,
      cumulativeGain: d.cumulativeGain,
    })),
    scoreDistribution: m.scoreDistribution.map(({ from, to, count }) => ({ from, to, count })),
    bucketCounts: { low: m.bucketCounts.low, medium: m.bucketCounts.medium, high: m.bucketCounts.high },
    topFactors: topFactors(m.topFactors),
    topFactorsByBucket: {
      low: topFactors(m.topFactorsByBucket?.low),
      medium: topFactors(m.topFactorsByBucket?.medium),
      high: topFactors(m.topFactorsByBucket?.high),
    },
    examples: { ...m.examples },
    examplesAvailable: m.examplesAvailable === undefined ? null : { ...m.examplesAvailable },
    refit: m.refit == null ? null : { examples: m.refit.examples },
    positives: { ...m.positives },
    split: m.split,
    trainingCutoffs: [...m.trainingCutoffs],
    historyStart: m.historyStart ?? null,
    features: m.features,
    backend: m.backend,
    trainSeconds: m.trainSeconds,
  };
}

/**
 * Predicted versus actual per score band, once the trainer has checked it (`windowDays` after the
 * version's scoring); until then, when that will be.
 */
export function outcomesView(version: Version, windowDays: number): z.infer<typeof ModelOutcomesResponse> {
  const { scoring, outcomes } = version;
  const availableAt = scoring ? iso(outcomesDueAt(scoring.now, windowDays)) : null;
  if (outcomes) {
    const rates = (b: keyof typeof outcomes.byBucket) => {
      const { profiles, predictedRate, actualRate } = outcomes.byBucket[b];
      return { profiles, predictedRate, actualRate };
    };
    return {
      version: version.version,
      status: "checked",
      availableAt,
      checkedAt: iso(outcomes.checkedAt),
      pendingProfiles: outcomes.pendingProfiles ?? null,
      byBucket: { low: rates("low"), medium: rates("medium"), high: rates("high") },
    };
  }
  return {
    version: version.version,
    status: scoring ? "waiting" : "not_scored",
    availableAt,
    checkedAt: null,
    pendingProfiles: null,
    byBucket: null,
  };
}

export function versionSummary(version: Version): z.infer<typeof ModelVersionSummary> {
  // Read field by field with fallbacks: a summary lists every version, however old its metrics.
  const m: Partial<ModelMetrics> = version.metrics;
  return {
    version: version.version,
    status: version.status,
    auc: m.auc ?? null,
    validationAuc: m.validationAuc ?? null,
    quality: m.quality ?? null,
    trainedAt: iso(version.trainedAt),
    trainedFor: iso(version.trainedFor),
    scoredAt: version.scoring?.finishedAt ? iso(version.scoring.finishedAt) : null,
  };
}

export function scoringView(
  version: Version & { scoring: NonNullable<Version["scoring"]> },
  progress: { shardsDone: number; scored: number; written: number },
): z.infer<typeof ScoringProgressResponse> {
  return {
    version: version.version,
    scoringId: version.scoring.id,
    now: iso(version.scoring.now),
    shardsDone: progress.shardsDone,
    shardsTotal: version.scoring.shardsTotal,
    profilesScored: progress.scored,
    profilesWritten: progress.written,
    startedAt: iso(version.scoring.startedAt),
  };
}

export interface ModelDetail {
  doc: PropensityModel;
  /** Newest first. */
  versions: Version[];
  /** The version the insights are of: the active one, else the latest. */
  shown: { version: Version; windowDays: number } | null;
  scoring: z.infer<typeof ScoringProgressResponse> | null;
}

export function modelDetailView(detail: ModelDetail): z.infer<typeof ModelDetailResponse> {
  const { doc, versions, shown, scoring } = detail;
  return {
    ...modelView(doc),
    metrics: shown ? insightsView(shown.version) : null,
    outcomes: shown ? outcomesView(shown.version, shown.windowDays) : null,
    scoring,
    versions: versions.slice(0, VERSIONS_SHOWN).map(versionSummary),
  };
}
