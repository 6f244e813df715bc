import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc, deciles, scoreHistogram } from "./metrics.js";

/** The definition itself: over every (positive, negative) pair, 1 if the positive ranks higher, ½ on a tie. */
function bruteForceAuc(scores: readonly number[], labels: readonly number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return pairs === 0 ? Number.NaN : wins / pairs;
}

// Few distinct scores, so that ties are common and the half-credit rule is exercised.
const examples = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 })), {
  minLength: 1,
  maxLength: 200,
});

describe("auc", () => {
  it("equals the brute-force pair count, ties counting half", () => {
    fc.assert(
      fc.property(examples, (rows) => {
        const scores = rows.map(([s]) => s / 12);
        const labels = rows.map(([, y]) => y);
        const expected = bruteForceAuc(scores, labels);
        if (Number.isNaN(expected)) expect(auc(scores, labels)).toBeNaN();
        else expect(auc(scores, labels)).toBeCloseTo(expected, 12);
      }),
      { numRuns: 300 },
    );
  });

  it("is 1 for a perfect ranking, 0 for a reversed one, ½ when every score is the same", () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("is NaN when one class is missing", () => {
    expect(auc([0.1, 0.9], [1, 1])).toBeNaN();
    expect(auc([0.1, 0.9], [0, 0])).toBeNaN();
  });
});

describe("deciles", () => {
  it("splits into ten near-equal tenths, highest probabilities first", () => {
    const n = 1003;
    const p = Array.from({ length: n }, (_, i) => i / n);
    const y = p.map((v) => (v > 0.7 ? 1 : 0));
    const d = deciles(p, y);
    expect(d.map((x) => x.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.reduce((s, x) => s + x.count, 0)).toBe(n);
    for (const x of d) expect([100, 101]).toContain(x.count);
    // Probabilities 0.7..1 are the top three tenths (plus a sliver): all positives land there.
    expect(d[0]!.rate).toBe(1);
    expect(d[9]!.positives).toBe(0);
    expect(d[0]!.meanPredicted).toBeGreaterThan(d[9]!.meanPredicted);
  });

  it("gives lift as rate over base rate, and cumulative gains rising to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 })), {
          minLength: 20,
          maxLength: 300,
        }),
        (rows) => {
          const p = rows.map(([v]) => v);
          const y = rows.map(([, v]) => v);
          const positives = y.reduce((s, v) => s + v, 0);
          fc.pre(positives > 0);
          const base = positives / y.length;
          const d = deciles(p, y);
          expect(d.reduce((s, x) => s + x.positives, 0)).toBe(positives);
          for (const x of d) {
            expect(x.rate).toBeCloseTo(x.count === 0 ? 0 : x.positives / x.count, 4);
            expect(x.lift).toBeCloseTo(x.count === 0 ? 0 : x.positives / x.count / base, 3);
          }
          for (let i = 1; i < 10; i++)
            expect(d[i]!.cumulativeGain).toBeGreaterThanOrEqual(d[i - 1]!.cumulativeGain);
          expect(d[9]!.cumulativeGain).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("measures calibration: the mean predicted probability of each tenth", () => {
    const p = Array.from({ length: 100 }, (_, i) => (i < 10 ? 0.9 : 0.1));
    const d = deciles(
      p,
      new Array(100).fill(0).map((_, i) => (i < 5 ? 1 : 0)),
    );
    expect(d[0]!.meanPredicted).toBeCloseTo(0.9, 6);
    expect(d[1]!.meanPredicted).toBeCloseTo(0.1, 6);
  });
});

describe("scoreHistogram", () => {
  it("counts scores by tenth of 0-100, with 100 in the last", () => {
    const h = scoreHistogram([0, 9, 10, 55, 99, 100]);
    expect(h.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(h[9]).toEqual({ from: 90, to: 100, count: 2 });
  });
});
