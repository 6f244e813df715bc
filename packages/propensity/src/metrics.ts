/**
 * Model quality as a person checks it: AUC, lift and cumulative gains by decile, calibration, base
 * rate, and the distribution of scores.
 */

/** Area under the ROC curve: the chance that a random positive outranks a random negative (ties count half). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1; // 1-based rank shared by the tied run i..j
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface Decile {
  /** 1: the tenth with the highest probabilities. */
  decile: number;
  count: number;
  positives: number;
  /** Observed outcome rate in the decile. */
  rate: number;
  /** `rate / base rate`. */
  lift: number;
  /** Share of all positives found in deciles 1..this one. */
  cumulativeGain: number;
  /** Mean predicted probability: against `rate`, the calibration. */
  meanPredicted: number;
}

export function deciles(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Decile[] {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]!);
  let totalPositives = 0;
  for (let i = 0; i < n; i++) totalPositives += labels[i]!;
  const baseRate = n === 0 ? 0 : totalPositives / n;
  const out: Decile[] = [];
  let cumulative = 0;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    let positives = 0;
    let predicted = 0;
    for (let k = from; k < to; k++) {
      positives += labels[order[k]!]!;
      predicted += probabilities[order[k]!]!;
    }
    cumulative += positives;
    const count = to - from;
    const rate = count === 0 ? 0 : positives / count;
    out.push({
      decile: d + 1,
      count,
      positives,
      rate: round(rate),
      lift: round(baseRate === 0 ? 0 : rate / baseRate),
      cumulativeGain: round(totalPositives === 0 ? 0 : cumulative / totalPositives),
      meanPredicted: round(count === 0 ? 0 : predicted / count),
    });
  }
  return out;
}

/** How many scores fall in each tenth of 0-100 (`[0,10)`, …, `[90,100]`). */
export function scoreHistogram(scores: ArrayLike<number>): { from: number; to: number; count: number }[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < scores.length; i++) counts[Math.min(9, Math.floor(scores[i]! / 10))]!++;
  return counts.map((count, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count }));
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
