/**
 * Training end to end, with no services: profiles in, a model artefact, its metrics and the scores
 * out. The trainer (in a worker thread) and `segflow propensity fit` both call {@link fitPropensity}.
 *
 * The steps, each in its own file: examples point in time (dataset.ts), model inputs (scaling.ts),
 * which cutoffs to learn from (cutoff-choice.ts), the candidates and the one kept (candidates.ts),
 * its calibration (calibration.ts), the refit on every profile (candidates.ts), scores and factors
 * (scorer.ts). The metrics we report are measured on the test profiles, which neither training,
 * selection nor calibration saw, with the model before its refit.
 */
import type { Profile } from "@segflow/segment-language";
import type { SkippedAttribute } from "./attributes.js";
import { type FactorImportance, factorImportance } from "./attribution.js";
import { type BackendName, initBackend } from "./backend.js";
import {
  type Calibration,
  calibrationRowsOf,
  chooseCalibration,
  logLoss,
  offsetForMean,
} from "./calibration.js";
import {
  type CandidateMetrics,
  chooseModel,
  LOGISTIC_L2,
  NO_CALIBRATION,
  refitMembers,
  type TrainedCandidate,
  trainCandidates,
} from "./candidates.js";
import { compileModelConditions } from "./conditions.js";
import { type CutoffChoice, chooseCutoffs } from "./cutoff-choice.js";
import { DatasetBuilder, MAX_TRAIN_EXAMPLES, unitHash } from "./dataset.js";
import { concatSets, type ExampleSet, selectRows } from "./example-set.js";
import { auc, type Decile, deciles, round, scoreHistogram, sum } from "./metrics.js";
import { ModelSpec, type ModelSpecInput } from "./model-spec.js";
import { type ModelKind, Network } from "./network.js";
import { Predictor } from "./predictor.js";
import { fitScaling, scale } from "./scaling.js";
import {
  ARTEFACT_FORMAT,
  type ModelArtefact,
  percentileCutpoints,
  type ScoreBand,
  type ScoredProfile,
  scoreRows,
} from "./scorer.js";
import { DEFAULT_TRAIN_OPTIONS, type TrainedNetwork, type TrainOptions, trainNetwork } from "./train.js";

export interface FitOptions {
  now: Date;
  /** Seeds weight initialisation and shuffling: the same data and seed give the same model. */
  seed?: number;
  /** Only candidates of these kinds (default: all). */
  kinds?: readonly ModelKind[];
  train?: Partial<Omit<TrainOptions, "seed">>;
  log?: (line: string) => void;
}

export type { CandidateMetrics };

export interface ModelMetrics {
  /** Held-out AUC: the test profiles at the last labelled cutoff. */
  auc: number;
  validationAuc: number;
  /** The model kept: a single network's kind, or `ensemble`. */
  kind: ModelKind | "ensemble";
  candidates: CandidateMetrics[];
  /** Validation AUC of the ensemble of the logistic and the best MLP (when both were trained). */
  ensembleValidationAuc: number | null;
  calibration: Calibration & {
    validationLogLoss: { prior: number; intercept: number; platt: number };
    /** Test log loss with the prior correction alone and with the calibration kept. */
    testLogLoss: { prior: number; calibrated: number };
  };
  /** Outcome rate in the test examples. */
  baseRate: number;
  trainBaseRate: number;
  /** Lift of the top decile. */
  lift: number;
  /** Test examples by decile of probability: lift, cumulative gain, calibration (reliability). */
  deciles: Decile[];
  scoreDistribution: { from: number; to: number; count: number }[];
  /** Scored profiles per score band (the stored names say `bucket`: ARCHITECTURE.md, "Conventions"). */
  bucketCounts: Record<ScoreBand, number>;
  /** Global factor importance over the scored profiles. */
  topFactors: FactorImportance[];
  /** Factor importance within each score band. */
  topFactorsByBucket: Record<ScoreBand, FactorImportance[]>;
  examples: { train: number; validation: number; test: number; scored: number };
  /** Labelled (profile, cutoff) pairs before sampling. */
  examplesAvailable: { train: number; validation: number };
  /** The scoring model's refit on every profile's examples (null: not refitted, data was plentiful). */
  refit: { examples: number } | null;
  positives: { train: number; validation: number; test: number };
  /** Training, validation and test sets hold different profiles. */
  split: "profiles";
  /** Which cutoffs the model learned from, and why (cutoff-choice.ts). */
  cutoffs: CutoffChoice;
  trainingCutoffs: string[];
  historyStart: string | null;
  features: number;
  /** Attributes used (path and how it is read) and left out (and why). */
  attributes: { used: { path: string; kind: string }[]; skipped: SkippedAttribute[] };
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
  const { schema } = data;
  log(
    `examples: ${data.train.x.rows} train (of ${data.available.train}), ${data.validation.x.rows} validation ` +
      `(of ${data.available.validation}), ${data.test.x.rows} test, from ${data.cutoffs.length} cutoffs ` +
      `${data.cutoffs.at(-1)?.toISOString().slice(0, 10)} to ${data.cutoffs[0]?.toISOString().slice(0, 10)}; ` +
      `${schema.features.length} features (${schema.attributes.length} attributes); ${data.scoring.x.rows} to score`,
  );
  const scaling = fitScaling(schema.features, data.train.x);
  const scaled = (set: ExampleSet): ExampleSet => ({ ...set, x: scale(scaling, set.x) });
  const test = scaled(data.test);
  const backend = await initBackend(log);

  const trainOptions: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options.train, seed: options.seed ?? 1 };
  // The logistic regressions fitted to choose the cutoffs are the logistic candidate's: kept by set.
  const logisticFits = new Map<ExampleSet, TrainedNetwork>();
  const fitLogistic = (tr: ExampleSet, va: ExampleSet) => {
    let trained = logisticFits.get(tr);
    if (trained === undefined) {
      trained = trainNetwork("logistic", tr, va, { ...trainOptions, l2: LOGISTIC_L2 });
      logisticFits.set(tr, trained);
    }
    return trained;
  };
  const {
    choice: cutoffChoice,
    train,
    validation,
  } = chooseCutoffs(
    { train: scaled(data.train), validation: scaled(data.validation) },
    data.inPhase && { train: scaled(data.inPhase.train), validation: scaled(data.inPhase.validation) },
    (tr, va, latest) => {
      const network = Network.fromWeights(fitLogistic(tr, va).weights);
      try {
        return Predictor.over([network], NO_CALIBRATION).logits(latest.x);
      } finally {
        network.dispose();
      }
    },
  );
  if (cutoffChoice.latestValidationAuc !== null) {
    const { all, inPhase } = cutoffChoice.latestValidationAuc;
    log(
      `cutoffs: all ${all.toFixed(4)}, in phase with the window ${inPhase.toFixed(4)} (validation AUC at the latest cutoff): ` +
        `learning from ${cutoffChoice.cutoffs === "all" ? "all" : "those in phase"}, ${train.x.rows} examples`,
    );
  }
  const kinds = options.kinds ?? ["logistic", "mlp"];
  const candidates: TrainedCandidate[] = [];
  const refitNetworks: Network[] = [];
  try {
    candidates.push(
      ...trainCandidates(validation, kinds, (c) =>
        c.kind === "logistic"
          ? fitLogistic(train, validation)
          : trainNetwork(c.kind, train, validation, { ...trainOptions, l2: c.l2 }),
      ),
    );
    for (const c of candidates) {
      log(
        `${c.kind} (L2 ${c.l2}): validation AUC ${c.validationAuc.toFixed(4)} after ${c.epochs} epochs (best ${c.bestEpoch})`,
      );
    }
    const { chosen, ensemble } = chooseModel(candidates, validation.y);
    const ensembleValidationAuc = ensemble?.validationAuc ?? null;
    if (ensemble !== null) {
      log(
        `ensemble of logistic and mlp (L2 ${ensemble.mlpL2}): validation AUC ${ensemble.validationAuc.toFixed(4)}`,
      );
    }
    // Every network is trained with the same class weights, hence the same prior correction.
    const priorOffset = chosen.members[0]!.trained.logitOffset;
    const validationLogits = chosen.members[0]!.validationLogits.map(
      (_, i) => sum(chosen.members.map((m) => m.validationLogits[i]!)) / chosen.members.length,
    );
    // Calibrated on the validation examples at the latest cutoff, the period closest to the one
    // scored, when there are enough of them (else on every validation example).
    const calibrationRows = calibrationRowsOf(validation.y, validation.cutoffIndex);
    const calibrationRowSet = new Set(calibrationRows);
    const calibrationChoice = chooseCalibration(
      Float32Array.from(calibrationRows, (r) => validationLogits[r]!),
      Float32Array.from(calibrationRows, (r) => validation.y[r]!),
      priorOffset,
      (i) => (unitHash(`${validation.profileIds[calibrationRows[i]!]}#calibration`) < 0.5 ? 0 : 1),
    );
    const { calibration } = calibrationChoice;
    const predictor = Predictor.over(
      chosen.members.map((m) => m.network),
      calibration,
    );
    const testLogits = predictor.logits(test.x);
    const testP = predictor.probabilities(test.x);
    const testPrior = Predictor.over(
      chosen.members.map((m) => m.network),
      { method: "prior", scale: 1, offset: priorOffset },
    ).probabilities(test.x);
    const testAuc = auc(testLogits, test.y);
    log(`kept ${chosen.kind}, ${calibration.method} calibration; scoring ${data.scoring.x.rows} profiles`);
    // The model that scores is fitted again on every profile's examples, the validation and test
    // profiles' too (README.md, "Models"): same members, regularisation and epochs, and the
    // calibration chosen above. The metrics stay those of the model before, on profiles it never
    // saw. Not when the training examples were already sampled down: more profiles would add
    // fitting time, not information.
    const refit =
      train.x.rows < MAX_TRAIN_EXAMPLES
        ? refitMembers(chosen.members, concatSets([train, validation, test]), validation, trainOptions)
        : null;
    // The refitted networks keep the calibration: the offset that gives them, on the calibration
    // rows, the mean probability the calibrated model before them gave.
    let scoringCalibration = calibration;
    if (refit !== null) {
      const rows = selectRows(validation, (r) => calibrationRowSet.has(r));
      const before = predictor.probabilities(rows.x);
      const target = sum(before) / Math.max(1, before.length);
      const z = Predictor.over(refit.networks, NO_CALIBRATION).logits(rows.x);
      scoringCalibration = { ...calibration, offset: offsetForMean(z, calibration.scale, target) };
    }
    if (refit !== null) {
      refitNetworks.push(...refit.networks);
      log(`refitted on ${refit.examples} examples of every profile`);
    }
    const scorer = refit === null ? predictor : Predictor.over(refit.networks, scoringCalibration);
    const scoringX = scale(scaling, data.scoring.x);
    const scoringP = scorer.probabilities(scoringX);
    const artefact: ModelArtefact = {
      format: ARTEFACT_FORMAT,
      spec: {
        type: spec.type,
        goal: spec.goal,
        windowDays: spec.windowDays,
        lookbackDays: spec.lookbackDays,
        ...(spec.eligible === undefined ? {} : { eligible: spec.eligible }),
        attributes: spec.attributes,
        buckets: spec.buckets,
      },
      schema,
      scaling,
      networks: (refit?.trained ?? chosen.members.map((m) => m.trained)).map((t) => t.weights),
      calibration: scoringCalibration,
      percentileCutpoints: percentileCutpoints(scoringP),
    };
    const scoringStarted = performance.now();
    const { scores, contributions } = scoreRows(scorer, artefact, scoringX, data.scoring.x, scoringP);
    log(`scored with factors in ${((performance.now() - scoringStarted) / 1000).toFixed(1)} s`);
    const names = schema.features.map((f) => f.label);
    const rowsIn = (band: ScoreBand) => scores.flatMap((s, i) => (s.bucket === band ? [i] : []));
    const bandRows = { low: rowsIn("low"), medium: rowsIn("medium"), high: rowsIn("high") };
    const testDeciles = deciles(testP, test.y);
    const cols = data.scoring.x.cols;
    const metrics: ModelMetrics = {
      auc: round(testAuc),
      validationAuc: round(chosen.validationAuc),
      kind: chosen.kind,
      candidates: candidates.map(({ kind, l2, validationAuc, epochs, bestEpoch }) => ({
        kind,
        l2,
        validationAuc,
        epochs,
        bestEpoch,
      })),
      ensembleValidationAuc,
      calibration: {
        ...calibration,
        scale: round(calibration.scale),
        offset: round(calibration.offset),
        validationLogLoss: {
          prior: round(calibrationChoice.validationLogLoss.prior),
          intercept: round(calibrationChoice.validationLogLoss.intercept),
          platt: round(calibrationChoice.validationLogLoss.platt),
        },
        testLogLoss: { prior: round(logLoss(testPrior, test.y)), calibrated: round(logLoss(testP, test.y)) },
      },
      baseRate: round(sum(test.y) / test.y.length),
      trainBaseRate: round(sum(train.y) / train.y.length),
      lift: testDeciles[0]!.lift,
      deciles: testDeciles,
      scoreDistribution: scoreHistogram(scores.map((s) => s.score)),
      bucketCounts: {
        low: bandRows.low.length,
        medium: bandRows.medium.length,
        high: bandRows.high.length,
      },
      topFactors: factorImportance(contributions, cols, names, scores.keys()),
      topFactorsByBucket: {
        low: factorImportance(contributions, cols, names, bandRows.low),
        medium: factorImportance(contributions, cols, names, bandRows.medium),
        high: factorImportance(contributions, cols, names, bandRows.high),
      },
      examples: {
        train: train.x.rows,
        validation: validation.x.rows,
        test: test.x.rows,
        scored: scores.length,
      },
      examplesAvailable: data.available,
      refit: refit === null ? null : { examples: refit.examples },
      positives: { train: sum(train.y), validation: sum(validation.y), test: sum(test.y) },
      split: "profiles",
      cutoffs: {
        cutoffs: cutoffChoice.cutoffs,
        latestValidationAuc:
          cutoffChoice.latestValidationAuc === null
            ? null
            : {
                all: round(cutoffChoice.latestValidationAuc.all),
                inPhase: round(cutoffChoice.latestValidationAuc.inPhase),
              },
      },
      trainingCutoffs: data.cutoffs
        .filter((_, j) => cutoffChoice.cutoffs === "all" || j % data.perWindow === 0)
        .map((d) => d.toISOString()),
      historyStart: data.historyStart?.toISOString() ?? null,
      features: schema.features.length,
      attributes: {
        used: schema.attributes.map(({ path, kind }) => ({ path, kind })),
        skipped: data.skippedAttributes,
      },
      backend,
      trainSeconds: round((performance.now() - started) / 1000, 2),
      quality: chosen.validationAuc >= spec.minAuc ? "good" : "poor",
      minAuc: spec.minAuc,
    };
    log(
      `chose ${chosen.kind} (${calibration.method} calibration): held-out AUC ${metrics.auc}, top-decile lift ${metrics.lift}, ${metrics.quality}`,
    );
    return {
      artefact,
      metrics,
      scores: scores.map((s, i) => ({ id: data.scoring.profileIds[i]!, ...s })),
      heldOut: {
        profileIds: data.test.profileIds,
        labels: Array.from(test.y),
        probabilities: Array.from(testP),
      },
    };
  } finally {
    for (const c of candidates) c.network.dispose();
    for (const n of refitNetworks) n.dispose();
  }
}
