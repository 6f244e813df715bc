/**
 * Which cutoffs to learn from (dataset.ts): all of them, about a week apart, or only those in phase
 * with the window (whole windows before `now`). When behaviour follows a calendar of windows (a
 * monthly cycle, a subscription period), a cutoff in the middle of a window sees a different
 * relation between the past and the next window than the cutoff that gets scored, and the extra
 * examples teach the wrong thing; when it does not, the extra examples help. The data decides: a
 * logistic regression is fitted on each, and the one that predicts the validation profiles better
 * at the latest cutoff, the one closest to the future that gets scored, is kept.
 */
import { type ExampleSet, selectRows } from "./example-set.js";
import { auc } from "./metrics.js";

export interface CutoffChoice {
  cutoffs: "all" | "in phase";
  /** Validation AUC at the latest cutoff after learning from each. */
  latestValidationAuc: { all: number; inPhase: number } | null;
}

/**
 * `fitAndPredict` trains on a set (with its validation set for early stopping) and returns logits
 * for `latest`, the validation rows at the latest cutoff. Without in-phase sets (one cutoff per
 * window), there is nothing to choose.
 */
export function chooseCutoffs(
  all: { train: ExampleSet; validation: ExampleSet },
  inPhase: { train: ExampleSet; validation: ExampleSet } | undefined,
  fitAndPredict: (train: ExampleSet, validation: ExampleSet, latest: ExampleSet) => Float32Array,
): { choice: CutoffChoice; train: ExampleSet; validation: ExampleSet } {
  if (inPhase === undefined) return { choice: { cutoffs: "all", latestValidationAuc: null }, ...all };
  const latest = selectRows(all.validation, (r) => all.validation.cutoffIndex[r] === 0);
  const allAuc = auc(fitAndPredict(all.train, all.validation, latest), latest.y);
  const phaseAuc = auc(fitAndPredict(inPhase.train, inPhase.validation, latest), latest.y);
  const latestValidationAuc = { all: allAuc, inPhase: phaseAuc };
  // Ties go to all cutoffs: no assumption about the calendar.
  return phaseAuc > allAuc
    ? { choice: { cutoffs: "in phase", latestValidationAuc }, ...inPhase }
    : { choice: { cutoffs: "all", latestValidationAuc }, ...all };
}
