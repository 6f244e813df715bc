import { describe, expect, it } from "vitest";
import { chooseCutoffs } from "./cutoff-choice.js";
import { type ExampleSet, selectRows } from "./example-set.js";
import { seededRandom } from "./random.js";

const PER_WINDOW = 4;
const CUTOFFS = 10;

/** `profiles` profiles at cutoffs 0..CUTOFFS-1; column 0 holds the row's own index, to trace rows. */
function exampleSet(prefix: string, profiles: number, seed: number): ExampleSet {
  const random = seededRandom(seed);
  const rows = profiles * CUTOFFS;
  return {
    x: { rows, cols: 1, data: Float32Array.from({ length: rows }, (_, r) => r) },
    y: Float32Array.from({ length: rows }, () => (random() < 0.4 ? 1 : 0)),
    profileIds: Array.from({ length: rows }, (_, r) => `${prefix}-${Math.floor(r / CUTOFFS)}`),
    cutoffIndex: Int32Array.from({ length: rows }, (_, r) => r % CUTOFFS),
  };
}

const train = exampleSet("t", 30, 1);
const validation = exampleSet("v", 20, 2);
const all = { train, validation };
const onlyInPhase = (set: ExampleSet) => Array.from(set.cutoffIndex).every((j) => j % PER_WINDOW === 0);
// As dataset.ts samples them: the in-phase cutoffs only (here: all of their rows).
const inPhaseOf = (set: ExampleSet) => selectRows(set, (r) => set.cutoffIndex[r]! % PER_WINDOW === 0);
const inPhase = { train: inPhaseOf(train), validation: inPhaseOf(validation) };

/**
 * A fake fit: predicts the latest validation rows perfectly after learning from `better`
 * ("in phase" or "all" cutoffs) and by chance after the other; equally for `tie`.
 */
function fakeFit(better: "in phase" | "all" | "tie") {
  const calls: { train: ExampleSet; validation: ExampleSet; latest: ExampleSet }[] = [];
  const random = seededRandom(3);
  const fit = (tr: ExampleSet, va: ExampleSet, latest: ExampleSet) => {
    calls.push({ train: tr, validation: va, latest });
    const learnedFrom = onlyInPhase(tr) ? "in phase" : "all";
    const good = better === "tie" || better === learnedFrom;
    return Float32Array.from(latest.y, (y) => (good ? y : random()));
  };
  return { fit, calls };
}

describe("chooseCutoffs", () => {
  it("keeps only the in-phase cutoffs when learning from them predicts the latest validation rows better", () => {
    const { fit, calls } = fakeFit("in phase");
    const result = chooseCutoffs(all, inPhase, fit);
    expect(result.choice.cutoffs).toBe("in phase");
    expect(result.choice.latestValidationAuc!.inPhase).toBe(1);
    expect(result.choice.latestValidationAuc!.all).toBeLessThan(1);
    expect(result.train).toBe(inPhase.train);
    expect(result.validation).toBe(inPhase.validation);
    // Cutoffs 0, 4 and 8 of every profile, both for training and for early stopping.
    for (const [set, from] of [
      [result.train, train],
      [result.validation, validation],
    ] as const) {
      expect(new Set(set.cutoffIndex)).toEqual(new Set([0, 4, 8]));
      expect(set.x.rows).toBe((from.x.rows * 3) / CUTOFFS);
      // Rows come through whole: features, label and profile of the same original row.
      for (let r = 0; r < set.x.rows; r++) {
        const original = set.x.data[r]!;
        expect(set.y[r]).toBe(from.y[original]);
        expect(set.profileIds[r]).toBe(from.profileIds[original]);
        expect(set.cutoffIndex[r]).toBe(from.cutoffIndex[original]);
      }
    }
    // The in-phase fit was given the in-phase validation rows too.
    const phased = calls.find((c) => onlyInPhase(c.train))!;
    expect(onlyInPhase(phased.validation)).toBe(true);
  });

  it("keeps all cutoffs when learning from all of them predicts better", () => {
    const { fit } = fakeFit("all");
    const result = chooseCutoffs(all, inPhase, fit);
    expect(result.choice.cutoffs).toBe("all");
    expect(result.choice.latestValidationAuc!.all).toBe(1);
    expect(result.choice.latestValidationAuc!.inPhase).toBeLessThan(1);
    expect(result.train).toBe(train);
    expect(result.validation).toBe(validation);
  });

  it("gives a tie to all cutoffs", () => {
    const { fit } = fakeFit("tie");
    const result = chooseCutoffs(all, inPhase, fit);
    expect(result.choice).toEqual({ cutoffs: "all", latestValidationAuc: { all: 1, inPhase: 1 } });
    expect(result.train).toBe(train);
  });

  it("compares on the validation rows at the latest cutoff, j = 0, the one closest to what is scored", () => {
    const { fit, calls } = fakeFit("in phase");
    chooseCutoffs(all, inPhase, fit);
    expect(calls).toHaveLength(2);
    const latestRows = [...validation.cutoffIndex.keys()].filter((r) => validation.cutoffIndex[r] === 0);
    for (const { latest, train: tr, validation: va } of calls) {
      expect(Array.from(latest.cutoffIndex)).toEqual(latestRows.map(() => 0));
      expect(Array.from(latest.x.data)).toEqual(latestRows);
      expect(Array.from(latest.y)).toEqual(latestRows.map((r) => validation.y[r]));
      // Training always comes from the training profiles.
      for (const id of tr.profileIds) expect(id.startsWith("t-")).toBe(true);
      for (const id of va.profileIds) expect(id.startsWith("v-")).toBe(true);
    }
  });

  it("has nothing to choose without in-phase sets (one cutoff per window): no fit, every example kept", () => {
    const { fit, calls } = fakeFit("in phase");
    const result = chooseCutoffs(all, undefined, fit);
    expect(calls).toHaveLength(0);
    expect(result).toEqual({ choice: { cutoffs: "all", latestValidationAuc: null }, train, validation });
    expect(result.train).toBe(train);
  });
});
