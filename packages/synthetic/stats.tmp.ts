import { generatePopulation, outcomeOf, cutoffOf, truthFeatures } from "@segflow/synthetic";
import { compileSegments } from "@segflow/segment-language";
import { DEMO_SEGMENTS } from "@segflow/synthetic";
const now = new Date("2026-12-01T00:00:00Z");
const N = Number(process.argv[2] ?? 20000);
const t0 = performance.now();
let ev = 0, ps = 0, qs = 0, ch = 0, cv = 0; const pairsC: [number, number][] = []; const pairsV: [number, number][] = [];
const cutoff = cutoffOf({ now });
const types: Record<string, number> = {};
const compiled = compileSegments(DEMO_SEGMENTS.map(s => ({ id: s.id, definition: s.definition })));
const segCounts = new Array(DEMO_SEGMENTS.length).fill(0);
const feat: Record<string, number> = {};
let zeroEv = 0, maxEv = 0; const revs: number[] = [];
for (const p of generatePopulation({ profiles: N, seed: 42, now })) {
  ev += p.events.length; if (p.events.length === 0) zeroEv++; maxEv = Math.max(maxEv, p.events.length);
  for (const e of p.events) types[e.type] = (types[e.type] ?? 0) + 1;
  const o = outcomeOf(p.events, cutoff, now);
  ps += p.truth.churn; qs += p.truth.conversion; ch += +o.churned; cv += +o.converted;
  pairsC.push([p.truth.churn, +o.churned]); pairsV.push([p.truth.conversion, +o.converted]);
  const f = truthFeatures(p.events, p.attributes, cutoff);
  for (const [k, v] of Object.entries(f)) feat[k] = (feat[k] ?? 0) + v;
  revs.push(f.revenue180);
  const holds = compiled.evaluate({ ...p, events: p.events.map(e => ({ ...e, timestamp: e.timestamp.toISOString() })) } as any, now.getTime());
  holds.forEach((h, i) => { if (h) segCounts[i]++; });
}
const t1 = performance.now();
function auc(pairs: [number, number][]) {
  const s = [...pairs].sort((a, b) => a[0] - b[0]);
  let rankSum = 0, pos = 0, i = 0;
  while (i < s.length) { let j = i; while (j < s.length && s[j]![0] === s[i]![0]) j++; const r = (i + j + 1) / 2; for (let k = i; k < j; k++) if (s[k]![1]) { rankSum += r; pos++; } i = j; }
  const neg = s.length - pos; return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
}
revs.sort((a,b)=>a-b);
console.log({ N, ms: Math.round(t1 - t0), meanEvents: ev / N, zeroEv, maxEv, meanP: ps / N, churnRate: ch / N, meanQ: qs / N, convRate: cv / N, aucChurn: auc(pairsC), aucConv: auc(pairsV) });
console.log(types);
console.log(Object.fromEntries(Object.entries(feat).map(([k, v]) => [k, +(v / N).toFixed(3)])));
console.log("revenue180 pct 50/75/90/95/99", [0.5,0.75,0.9,0.95,0.99].map(q=>revs[Math.floor(q*N)]));
console.log(Object.fromEntries(DEMO_SEGMENTS.map((s, i) => [s.id, segCounts[i]])));
