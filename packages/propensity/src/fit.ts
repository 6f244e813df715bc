/**
 * Training end to end, with no services: profiles in, a model artefact, its metrics and the scores
 * out. The trainer (in a worker thread) and `segflow propensity fit` both call {@link fitPropensity}.
 *
 * Each model family is trained on the training cutoffs, the one with the best validation AUC is
 * kept, and the metrics we report are measured on the test half of the last window, which neither
 * training nor selection saw.
 */
import type { Profile } from "@segflow/segment-language";
import { type FactorImportance, factorImportance } from "./attribution.js";
import { type BackendName, initBackend } from "./backend.js";
import { compileModelConditions } from "./conditions.js";
import { DatasetBuilder, type ExampleSet } from "./dataset.js";
import { fitEncoder } from "./encoder.js";
import { auc, type Decile, deciles, round, scoreHistogram } from "./metrics.js";
import { ModelSpec, type ModelSpecInput } from "./model-spec.js";
import { MODEL_KINDS, type ModelKind, Network } from "./network.js";
import {
  encodeRows,
  type ModelArtefact,
  percentileCutpoints,
  probabilities,
  type ScoreBand,
  type ScoredProfile,
  scoreEncoded,
} from "./scorer.js";
import { DEFAULT_TRAIN_OPTIONS, type TrainedNetwork, type TrainOptions, trainNetwork } from "./train.js";

export interface FitOptions {
  now: Date;
  /** Seeds weight initialisation and shuffling: the same data and seed give the same model. */
  seed?: number;
  kinds?: readonly ModelKind[];
  train?: Partial<Omit<TrainOptions, "seed">>;
  log?: (line: string) => void;
}

export interface CandidateMetrics {
  kind: ModelKind;
  validationAuc: number;
  epochs: number;
  bestEpoch: number;
}

export interface ModelMetrics {
  /** Held-out AUC: the test half of the last window. */
  auc: number;
  validationAuc: number;
  kind: ModelKind;
  candidates: CandidateMetrics[];
  /** Outcome rate in the test examples. */
  baseRate: number;
  trainBaseRate: number;
  /** Lift of the top decile. */
  lift: number;
  /** Test examples by decile of probability: lift, cumulative gain, calibration. */
  deciles: Decile[];
  scoreDistribution: { from: number; to: number; count: number }[];
  /** Scored profiles per score band (the stored names say `bucket`: ARCHITECTURE.md, "Conventions"). */
  bucketCounts: Record<ScoreBand, number>;
  /** Global factor importance over the scored profiles. */
  topFactors: FactorImportance[];
  /** Factor importance within each score band. */
  topFactorsByBucket: Record<ScoreBand, FactorImportance[]>;
  examples: { train: number; validation: number; test: number; scored: number };
  positives: { train: number; validation: number; test: number };
  split: "time" | "profiles";
  trainingCutoffs: string[];
  historyStart: string | null;
  features: number;
  backend: BackendName;
  trainSeconds: number;
  /**
   * `poor` when `validationAuc` is below the model's `minAuc` (Adobe's rule): stored, but its scores
   * are not written.
   */
  quality: "good" | "poor";
  minAuc: number;
}

export interface FitResult {
  artefact: ModelArtefact;
  metrics: ModelMetrics;
  /** Every eligible profile, scored as of `now`. */
  scores: ScoredProfile[];
  /** The test examples and their predictions, for checks against a known truth. */
  heldOut: { profileIds: string[]; labels: number[]; probabilities: number[] };
}

const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

export async function fitPropensity(
  specInput: ModelSpecInput,
  profiles: Iterable<Profile> | AsyncIterable<Profile>,
  options: FitOptions,
): Promise<FitResult> {
  const log = options.log ?? (() => undefined);
  const spec = ModelSpec.parse(specInput);
  const started = performance.now();
  const builder = new DatasetBuilder(spec, options.now, compileModelConditions(spec));
  let read = 0;
  for await (const profile of profiles) {
    builder.add(profile);
    if (++read % 20_000 === 0) log(`read ${read} profiles`);
  }
  const data = builder.finish();
  log(
    `examples: ${data.train.rows.length} train (${data.split} split, cutoffs ${data.trainingCutoffs.map((d) => d.toISOString().slice(0, 10)).join(", ")}), ` +
      `${data.validation.rows.length} validation, ${data.test.rows.length} test; ${data.scoring.rows.length} to score`,
  );
  const encoder = fitEncoder(data.layout, data.train.rows);
  const encode = (set: ExampleSet) => ({
    ...encodeRows(encoder, set.rows),
    y: Float32Array.from(set.labels),
  });
  const train = encode(data.train);
  const validation = encode(data.validation);
  const test = encode(data.test);
  const backend = await initBackend(log);

  const trainOptions: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options.train, seed: options.seed ?? 1 };
  const candidates: (CandidateMetrics & { trained: TrainedNetwork })[] = [];
  for (const kind of options.kinds ?? MODEL_KINDS) {
    const trained = trainNetwork(kind, train, validation, trainOptions);
    const network = Network.fromWeights(trained.weights);
    const validationAuc = auc(probabilities(network, trained.logitOffset, validation.x), validation.y);
    network.dispose();
    log(
      `${kind}: validation AUC ${validationAuc.toFixed(4)} after ${trained.epochs} epochs (best ${trained.bestEpoch})`,
    );
    candidates.push({
      kind,
      validationAuc: round(validationAuc),
      epochs: trained.epochs,
      bestEpoch: trained.bestEpoch,
      trained,
    });
  }
  const best = candidates.reduce((a, b) => (b.validationAuc > a.validationAuc ? b : a));
  const network = Network.fromWeights(best.trained.weights);
  try {
    const testP = probabilities(network, best.trained.logitOffset, test.x);
    const testAuc = auc(testP, test.y);
    const scoring = encodeRows(encoder, data.scoring.rows);
    const scoringP = probabilities(network, best.trained.logitOffset, scoring.x);
    const artefact: ModelArtefact = {
      format: 1,
      spec: {
        type: spec.type,
        goal: spec.goal,
        windowDays: spec.windowDays,
        lookbackDays: spec.lookbackDays,
        ...(spec.eligible === undefined ? {} : { eligible: spec.eligible }),
        attributes: spec.attributes,
        buckets: spec.buckets,
      },
      encoder,
      network: best.trained.weights,
      logitOffset: best.trained.logitOffset,
      percentileCutpoints: percentileCutpoints(Array.from(scoringP)),
    };
    const { scores, contributions } = scoreEncoded(network, artefact, scoring.x, scoring.natural, scoringP);
    const names = encoder.features.map((f) => f.name);
    const rowsIn = (band: ScoreBand) => scores.flatMap((s, i) => (s.bucket === band ? [i] : []));
    const bandRows = { low: rowsIn("low"), medium: rowsIn("medium"), high: rowsIn("high") };
    const testDeciles = deciles(testP, test.y);
    const metrics: ModelMetrics = {
      auc: round(testAuc),
      validationAuc: best.validationAuc,
      kind: best.kind,
      candidates: candidates.map(({ trained: _, ...c }) => c),
      baseRate: round(sum(data.test.labels) / data.test.labels.length),
      trainBaseRate: round(sum(data.train.labels) / data.train.labels.length),
      lift: testDeciles[0]!.lift,
      deciles: testDeciles,
      scoreDistribution: scoreHistogram(scores.map((s) => s.score)),
      bucketCounts: {
        low: bandRows.low.length,
        medium: bandRows.medium.length,
        high: bandRows.high.length,
      },
      topFactors: factorImportance(contributions, scoring.x.cols, names, scores.keys()),
      topFactorsByBucket: {
        low: factorImportance(contributions, scoring.x.cols, names, bandRows.low),
        medium: factorImportance(contributions, scoring.x.cols, names, bandRows.medium),
        high: factorImportance(contributions, scoring.x.cols, names, bandRows.high),
      },
      examples: {
        train: data.train.rows.length,
        validation: data.validation.rows.length,
        test: data.test.rows.length,
        scored: scores.length,
      },
      positives: {
        train: sum(data.train.labels),
        validation: sum(data.validation.labels),
        test: sum(data.test.labels),
      },
      split: data.split,
      trainingCutoffs: data.trainingCutoffs.map((d) => d.toISOString()),
      historyStart: data.historyStart?.toISOString() ?? null,
      features: encoder.features.length,
      backend,
      trainSeconds: round((performance.now() - started) / 1000, 2),
      quality: best.validationAuc >= spec.minAuc ? "good" : "poor",
      minAuc: spec.minAuc,
    };
    log(
      `chose ${best.kind}: held-out AUC ${metrics.auc}, top-decile lift ${metrics.lift}, ${metrics.quality}`,
    );
    return {
      artefact,
      metrics,
      scores: scores.map((s, i) => ({ id: data.scoring.profileIds[i]!, ...s })),
      heldOut: {
        profileIds: data.test.profileIds,
        labels: data.test.labels,
        probabilities: Array.from(testP),
      },
    };
  } finally {
    network.dispose();
  }
}
