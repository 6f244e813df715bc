/**
 * A small population for unit tests, without @segflow/synthetic (propensity imports only the
 * segment language): each profile visits with its own daily rate, so how active it was before a
 * cutoff says how likely it is to be active (or to buy) after it.
 */
import type { Profile } from "@segflow/segment-language";
import { seededRandom } from "../random.js";

const DAY_MS = 86_400_000;

/** `n` profiles with events over `historyDays` before `now`; profile 0 starts exactly then. */
export function testPopulation(n: number, historyDays: number, now: Date, seed = 1): Profile[] {
  const random = seededRandom(seed);
  const nowMs = now.getTime();
  const tiers = ["bronze", "silver", "gold"];
  return Array.from({ length: n }, (_, i) => {
    const rate = 0.02 + 0.3 * random() ** 2;
    const start = i === 0 ? historyDays : historyDays * random();
    const events: Profile["events"] & object = [
      { type: "pageView", timestamp: new Date(nowMs - start * DAY_MS).toISOString() },
    ];
    for (let d = Math.floor(start); d >= 1; d--) {
      if (random() >= rate) continue;
      const buys = random() < 0.2;
      events.push({
        type: buys ? "purchase" : "pageView",
        timestamp: new Date(nowMs - (d - random()) * DAY_MS).toISOString(),
        properties: buys ? { revenue: Math.round(10 + 90 * random()) } : {},
      });
    }
    return { id: `p-${String(i).padStart(5, "0")}`, attributes: { tier: tiers[i % 3] }, events };
  });
}
