import { createRandom, streamSeed } from "./src/random.js";
import { drawTraits } from "./src/traits.js";
import { generatePopulation, cutoffOf } from "./src/index.js";
const now = new Date("2026-12-01T00:00:00Z");
const cutoff = cutoffOf({ now }).getTime();
let i = 0; const rows: any[] = []; let histZero = 0;
for (const p of generatePopulation({ profiles: 20000, seed: 42, now })) {
  i++;
  const r = createRandom(streamSeed(42, i)); const t = drawTraits(r);
  const hist = p.events.filter(e => e.timestamp.getTime() <= cutoff).length;
  if (hist === 0) { histZero++; rows.push({ late: t.lateSignup, trend: +t.trend.toFixed(2), eng: +t.engagement.toFixed(2), optIn: t.optIn, total: p.events.length, p: +p.truth.churn.toFixed(2) }); }
}
console.log("histZero", histZero, "late", rows.filter(r => r.late).length, "optIn", rows.filter(r=>r.optIn).length, "trend<-1", rows.filter(r => r.trend < -1).length, "trend>1", rows.filter(r => r.trend > 1).length, "eng<0.6", rows.filter(r=>r.eng<0.6).length);
console.log(rows.slice(0, 15));
