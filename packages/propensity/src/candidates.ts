/**
 * The models tried and the one kept (README.md, "Models"): a logistic regression and an MLP at two
 * strengths of L2 regularisation, each trained with early stopping on the validation profiles;
 * the ensemble of the logistic and the best MLP (their mean logit) joins them; the best
 * validation AUC is kept. Also the refit of the kept model on every profile's examples.
 */
import type { Calibration } from "./calibration.js";
import type { ExampleSet } from "./example-set.js";
import { auc, round } from "./metrics.js";
import { type ModelKind, Network } from "./network.js";
import { Predictor } from "./predictor.js";
import { type TrainedNetwork, type TrainOptions, trainNetwork } from "./train.js";

export const LOGISTIC_L2 = 1e-4;
/** The networks tried: the MLP's regularisation is chosen on validation. */
export const CANDIDATES: readonly { kind: ModelKind; l2: number }[] = [
  { kind: "logistic", l2: LOGISTIC_L2 },
  { kind: "mlp", l2: 1e-3 },
  { kind: "mlp", l2: 1e-4 },
];

/** The raw logit, for comparisons that only rank. */
export const NO_CALIBRATION: Calibration = { method: "prior", scale: 1, offset: 0 };

export interface CandidateMetrics {
  kind: ModelKind;
  l2: number;
  validationAuc: number;
  epochs: number;
  bestEpoch: number;
}

/** A candidate with its network (to dispose) and its validation logits. */
export interface TrainedCandidate extends CandidateMetrics {
  trained: TrainedNetwork;
  network: Network;
  validationLogits: Float32Array;
}

/** Trains the candidates of `kinds` with `fit`, and measures each on the validation examples. */
export function trainCandidates(
  validation: ExampleSet,
  kinds: readonly ModelKind[],
  fit: (candidate: { kind: ModelKind; l2: number }) => TrainedNetwork,
): TrainedCandidate[] {
  return CANDIDATES.filter((c) => kinds.includes(c.kind)).map((candidate) => {
    const trained = fit(candidate);
    const network = Network.fromWeights(trained.weights);
    const validationLogits = Predictor.over([network], NO_CALIBRATION).logits(validation.x);
    return {
      ...candidate,
      validationAuc: round(auc(validationLogits, validation.y)),
      epochs: trained.epochs,
      bestEpoch: trained.bestEpoch,
      trained,
      network,
      validationLogits,
    };
  });
}

export interface ChosenModel {
  kind: ModelKind | "ensemble";
  members: TrainedCandidate[];
  validationAuc: number;
}

/**
 * The best candidate by validation AUC, or the ensemble of the logistic and the best MLP when it
 * is strictly better than every single network.
 */
export function chooseModel(
  candidates: readonly TrainedCandidate[],
  y: Float32Array,
): { chosen: ChosenModel; ensemble: { validationAuc: number; mlpL2: number } | null } {
  const best = candidates.reduce((a, b) => (b.validationAuc > a.validationAuc ? b : a));
  const single: ChosenModel = { kind: best.kind, members: [best], validationAuc: best.validationAuc };
  const logistic = candidates.find((c) => c.kind === "logistic");
  const mlps = candidates.filter((c) => c.kind === "mlp");
  if (logistic === undefined || mlps.length === 0) return { chosen: single, ensemble: null };
  const mlp = mlps.reduce((a, b) => (b.validationAuc > a.validationAuc ? b : a));
  const mean = logistic.validationLogits.map((z, i) => (z + mlp.validationLogits[i]!) / 2);
  const validationAuc = round(auc(mean, y));
  const ensemble = { validationAuc, mlpL2: mlp.l2 };
  return validationAuc > single.validationAuc
    ? { chosen: { kind: "ensemble", members: [logistic, mlp], validationAuc }, ensemble }
    : { chosen: single, ensemble };
}

/**
 * The chosen members trained again on `examples` (every profile's), each with its L2 and for its
 * best epoch count: there is no validation left to stop early on.
 */
export function refitMembers(
  members: readonly TrainedCandidate[],
  examples: ExampleSet,
  validation: ExampleSet,
  options: TrainOptions,
): { trained: TrainedNetwork[]; networks: Network[]; examples: number } {
  const trained = members.map((m) =>
    trainNetwork(m.kind, examples, validation, { ...options, l2: m.l2, epochs: Math.max(1, m.bestEpoch) }),
  );
  return { trained, networks: trained.map((t) => Network.fromWeights(t.weights)), examples: examples.x.rows };
}
