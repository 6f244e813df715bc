/**
 * `npm run bench:generate -w packages/synthetic`: seconds to generate a population (100,000
 * profiles by default, `BENCH_PROFILES` to change it) with each truth, profiles consumed one at a
 * time as `segflow seed` does. The last line is one JSON object: {"profiles", "basicSeconds",
 * "shopSeconds"}.
 */
import { generatePopulation, type TruthKind } from "../src/index.js";

const PROFILES = Number(process.env.BENCH_PROFILES ?? 100_000);
const now = new Date("2026-12-01T00:00:00Z");

function measure(truth: TruthKind): number {
  const start = process.hrtime.bigint();
  let events = 0;
  for (const profile of generatePopulation({ profiles: PROFILES, seed: 42, now, truth })) {
    events += profile.events.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${truth.padEnd(5)} ${PROFILES.toLocaleString("en-US")} profiles, ${events.toLocaleString("en-US")} events in ${seconds.toFixed(2)} s`,
  );
  return seconds;
}

const basicSeconds = measure("basic");
const shopSeconds = measure("shop");
console.log(JSON.stringify({ profiles: PROFILES, basicSeconds, shopSeconds }));
