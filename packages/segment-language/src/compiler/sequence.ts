/**
 * `sequence(A, B, …) within D` over the timestamps of the events matching each step.
 * Only timestamps matter: some t1 < t2 < … (strictly, one from each step's list) with
 * tk − t1 <= D. For a fixed t1, taking the earliest later time at each step gives the
 * earliest possible tk, so trying each t1 in order is exact; once a start cannot complete
 * the chain, no later start can.
 */

/** First index in sorted `times` whose value is > t, or times.length. */
function firstAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `steps[i]` holds the timestamps of the events matching step i, ascending. */
export function sequenceHolds(steps: readonly (readonly number[])[], withinMs: number | null): boolean {
  const first = steps[0]!;
  let previousStart = Number.NaN;
  for (const start of first) {
    if (start === previousStart) continue;
    previousStart = start;
    let t = start;
    for (let i = 1; i < steps.length; i++) {
      const times = steps[i]!;
      const j = firstAfter(times, t);
      if (j === times.length) return false;
      t = times[j]!;
    }
    if (withinMs === null || t - start <= withinMs) return true;
  }
  return false;
}
