/**
 * `npm run bench:next-change -w packages/segment-language`: the cost of `nextChangeInstant`
 * after a streaming evaluation, for 21 segments of the fixed mix (each kind three times) over
 * profiles of about 300 events, some later than `now`; the compiled evaluation of the same
 * profile is measured beside it. Also how far ahead the answers are. The last line is one JSON
 * object: {"events", "segments", "evaluateUs", "nextChangeUsMean", "nextChangeUsP50",
 * "nextChangeUsP99", "noChange"}.
 */
import { checkSegments, compileSegments, nextChangeInstant, type Profile } from "../src/index.js";
import { NOW_MS, population, segmentMix } from "./mix.js";

const SEGMENTS = 21;
const PROFILES = 300;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const DAY = 86_400_000;

// Six profiles' events in one (about 300), evaluated a day before the mix's now: the last day's
// events are still to come.
const base = population(PROFILES * 6, 7);
const profiles: Profile[] = [];
for (let i = 0; i < PROFILES; i++) {
  const group = base.slice(i * 6, i * 6 + 6);
  profiles.push({ ...group[0]!, events: group.flatMap((p) => p.events ?? []) });
}
const now = NOW_MS - DAY;
const checked = checkSegments(segmentMix().slice(0, SEGMENTS));
const compiled = compileSegments(checked);
const events = profiles.reduce((n, p) => n + (p.events?.length ?? 0), 0) / profiles.length;
console.log(`${SEGMENTS} segments, ${PROFILES} profiles, ${events.toFixed(1)} events per profile on average`);

/** Mean microseconds per call of `f` over the profiles, for about SECONDS seconds. */
function meanUs(f: (p: Profile) => unknown): number {
  for (const p of profiles) f(p); // warm-up
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let calls = 0;
  let t = start;
  while (t < deadline) {
    for (const p of profiles) f(p);
    calls += profiles.length;
    t = process.hrtime.bigint();
  }
  return Number(t - start) / 1e3 / calls;
}

const evaluateUs = meanUs((p) => compiled.evaluate(p, now));
const nextChangeUsMean = meanUs((p) => nextChangeInstant(checked, p, now));

// Per-call times, for percentiles, and how far ahead the answers are.
const times: number[] = [];
const ahead: Record<string, number> = {
  "< 1 hour": 0,
  "< 1 day": 0,
  "< 7 days": 0,
  "< 30 days": 0,
  later: 0,
  none: 0,
};
for (let round = 0; round < 10; round++) {
  for (const p of profiles) {
    const start = process.hrtime.bigint();
    const at = nextChangeInstant(checked, p, now);
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
    if (round > 0) continue;
    const d = at === undefined ? Number.POSITIVE_INFINITY : at - now;
    if (at === undefined) ahead.none!++;
    else if (d < DAY / 24) ahead["< 1 hour"]!++;
    else if (d < DAY) ahead["< 1 day"]!++;
    else if (d < 7 * DAY) ahead["< 7 days"]!++;
    else if (d < 30 * DAY) ahead["< 30 days"]!++;
    else ahead.later!++;
  }
}
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`compiled evaluate: ${evaluateUs.toFixed(1)} µs per profile`);
console.log(
  `nextChangeInstant: ${nextChangeUsMean.toFixed(1)} µs per profile (p50 ${pct(0.5).toFixed(1)}, p99 ${pct(0.99).toFixed(1)})`,
);
console.log(`next change, from now: ${JSON.stringify(ahead)}`);
console.log(
  JSON.stringify({
    events: Number(events.toFixed(1)),
    segments: SEGMENTS,
    evaluateUs: Number(evaluateUs.toFixed(1)),
    nextChangeUsMean: Number(nextChangeUsMean.toFixed(1)),
    nextChangeUsP50: Number(pct(0.5).toFixed(1)),
    nextChangeUsP99: Number(pct(0.99).toFixed(1)),
    noChange: ahead.none,
  }),
);
