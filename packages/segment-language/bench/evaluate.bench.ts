/**
 * `npm run bench -w packages/segment-language`: profile×segment evaluations per second for the
 * fixed mix, compiled evaluator and reference interpreter, measured in the same run on one core.
 * The last line is one JSON object: {"compiledPerSec", "interpreterPerSec", "ratio"}.
 */
import { checkSegments, compileSegments } from "../src/index.js";
import { interpret } from "../src/testing/interpreter.js";
import { NOW_MS, population, segmentMix } from "./mix.js";

const PROFILES = 2_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function measure(
  label: string,
  evaluateOne: (i: number) => unknown,
  segmentCount: number,
  profiles: number,
): number {
  for (let i = 0; i < Math.min(profiles, 500); i++) evaluateOne(i); // warm-up
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let done = 0;
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 100; k++) evaluateOne((done + k) % profiles);
    done += 100;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  const perSec = (done * segmentCount) / seconds;
  console.log(
    `${label.padEnd(12)} ${done} profiles × ${segmentCount} segments in ${seconds.toFixed(2)} s: ${Math.round(perSec).toLocaleString("en-US")} evaluations/s`,
  );
  return perSec;
}

const definitions = segmentMix();
const profiles = population(PROFILES);
const events = profiles.reduce((n, p) => n + (p.events?.length ?? 0), 0);
console.log(
  `mix: ${definitions.length} segments, ${profiles.length} profiles, ${(events / profiles.length).toFixed(1)} events per profile on average`,
);

const checked = checkSegments(definitions);
const compiled = compileSegments(checked);
const { segments } = checked;
let members = 0;
for (const p of profiles) members += compiled.evaluate(p, NOW_MS).filter(Boolean).length;
console.log(
  `memberships in the population: ${members} (${(members / profiles.length).toFixed(2)} per profile)`,
);

const compiledPerSec = measure(
  "compiled",
  (i) => compiled.evaluate(profiles[i]!, NOW_MS),
  definitions.length,
  profiles.length,
);
const interpreterPerSec = measure(
  "interpreter",
  (i) => interpret(segments, profiles[i]!, NOW_MS),
  definitions.length,
  profiles.length,
);
const ratio = compiledPerSec / interpreterPerSec;
console.log(
  JSON.stringify({
    compiledPerSec: Math.round(compiledPerSec),
    interpreterPerSec: Math.round(interpreterPerSec),
    ratio: Number(ratio.toFixed(1)),
  }),
);
