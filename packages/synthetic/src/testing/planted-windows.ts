/**
 * The check that every earlier window of a population was planted from its truth at the window's
 * start (README.md, "How a profile is made", 4): at each of the three boundaries before the
 * cutoff, among the profiles with a burn-in window behind them, the drawn churn and conversion
 * counts match the sum of the truth's probabilities within 1% of the profiles. Test-only.
 */
import { expect } from "vitest";
import type { SyntheticProfile } from "../population.js";
import { outcomeOf, type Truth, type TruthEvent } from "../truth.js";

const DAY = 86_400_000;

export function expectWindowsPlantedFromTruth(
  population: readonly SyntheticProfile[],
  truthAt: (events: TruthEvent[], attributes: SyntheticProfile["attributes"], at: Date) => Truth,
  options: { now: Date; cutoff: Date; historyDays: number },
): void {
  const start = options.now.getTime() - options.historyDays * DAY;
  for (const back of [1, 2, 3]) {
    const boundary = new Date(options.cutoff.getTime() - back * 30 * DAY);
    const windowEnd = new Date(boundary.getTime() + 30 * DAY);
    // Planted at this boundary: a window of history before it (the burn-in).
    const planted = population.filter(
      (p) => Math.max(start, Date.parse(p.attributes.signupDate)) + 30 * DAY <= boundary.getTime(),
    );
    let churn = 0;
    let churned = 0;
    let conversion = 0;
    let converted = 0;
    for (const p of planted) {
      const truth = truthAt(p.events, p.attributes, boundary);
      const outcome = outcomeOf(p.events, boundary, windowEnd);
      churn += truth.churn;
      conversion += truth.conversion;
      if (outcome.churned) churned++;
      if (outcome.converted) converted++;
    }
    expect(planted.length).toBeGreaterThan(12_000);
    expect(Math.abs(churned - churn) / planted.length).toBeLessThan(0.01);
    expect(Math.abs(converted - conversion) / planted.length).toBeLessThan(0.01);
  }
}
