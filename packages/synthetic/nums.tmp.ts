import { generatePopulation, cutoffOf, outcomeOf } from "./src/index.js";
const now = new Date("2026-12-01T00:00:00Z"); const cutoff = cutoffOf({ now });
let total = 0, pc = 0, qc = 0, ch = 0, cv = 0, vip = 0;
for (const p of generatePopulation({ profiles: 20000, seed: 42, now })) { total += p.events.length; pc += p.truth.churn; qc += p.truth.conversion; const o = outcomeOf(p.events, cutoff, now); ch += +o.churned; cv += +o.converted; if (p.attributes.tags.includes("vip")) vip++; }
console.log({ total, meanP: pc / 20000, ch, meanQ: qc / 20000, cv, vip });
