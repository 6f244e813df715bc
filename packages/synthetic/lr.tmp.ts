import { generatePopulation, cutoffOf, outcomeOf } from "./src/index.js";
const now = new Date("2026-12-01T00:00:00Z");
const cutoff = cutoffOf({ now }); const c = cutoff.getTime();
const TYPES = ["login","pageView","search","productView","addToCart","purchase","emailOpen","emailClick","supportTicket"];
const LB = [7, 30, 90, 180];
const useLog = process.argv[2] === "log";
const X: number[][] = []; const yC: number[] = []; const yV: number[] = []; const pC: number[] = []; const pV: number[] = [];
for (const p of generatePopulation({ profiles: 20000, seed: 7, now })) {
  const f: number[] = []; let last = -Infinity; const lastT: Record<string, number> = {};
  const counts: Record<string, number[]> = {}; for (const t of TYPES) counts[t] = LB.map(() => 0);
  let rev = LB.map(() => 0);
  for (const e of p.events) { const t = e.timestamp.getTime(); if (t > c) continue; last = Math.max(last, t); lastT[e.type] = Math.max(lastT[e.type] ?? -Infinity, t);
    const age = (c - t) / 864e5; LB.forEach((L, i) => { if (age < L) { counts[e.type]![i]!++; if (e.type === "purchase") rev[i]! += e.properties.revenue as number; } }); }
  f.push(Math.min(180, last === -Infinity ? 180 : (c - last) / 864e5));
  for (const t of TYPES) { f.push(Math.min(180, lastT[t] === undefined ? 180 : (c - lastT[t]!) / 864e5)); for (const v of counts[t]!) f.push(useLog ? Math.log1p(v) : v); }
  for (const v of rev) f.push(useLog ? Math.log1p(v) : v);
  const tier = (p.attributes.loyalty as any)?.tier; for (const tt of ["bronze","silver","gold","platinum"]) f.push(tier === tt ? 1 : 0);
  X.push(f); const o = outcomeOf(p.events, cutoff, now); yC.push(+o.churned); yV.push(+o.converted); pC.push(p.truth.churn); pV.push(p.truth.conversion);
}
const d = X[0]!.length; const mean = new Array(d).fill(0), sd = new Array(d).fill(0);
for (const r of X) r.forEach((v, j) => mean[j] += v / X.length); for (const r of X) r.forEach((v, j) => sd[j] += (v - mean[j]) ** 2 / X.length);
const Z = X.map(r => r.map((v, j) => (v - mean[j]) / (Math.sqrt(sd[j]) || 1)));
function auc(s: number[], y: number[]) { const idx = s.map((v, i) => i).sort((a, b) => s[a]! - s[b]!); let rs = 0, pos = 0; let i = 0; while (i < idx.length) { let j = i; while (j < idx.length && s[idx[j]!] === s[idx[i]!]) j++; const r = (i + j + 1) / 2; for (let k = i; k < j; k++) if (y[idx[k]!]) { rs += r; pos++; } i = j; } const neg = y.length - pos; return (rs - pos * (pos + 1) / 2) / (pos * neg); }
function fit(y: number[], truth: number[], name: string) {
  const n = Z.length, tr = Math.floor(n * 0.7); const w = new Array(d + 1).fill(0); const m = new Array(d+1).fill(0), v = new Array(d+1).fill(0);
  for (let it = 1; it <= 600; it++) { const g = new Array(d + 1).fill(0);
    for (let i = 0; i < tr; i++) { let z = w[d]; for (let j = 0; j < d; j++) z += w[j] * Z[i]![j]!; const e = 1 / (1 + Math.exp(-z)) - y[i]!; for (let j = 0; j < d; j++) g[j] += e * Z[i]![j]! / tr; g[d] += e / tr; }
    for (let j = 0; j <= d; j++) { m[j] = 0.9 * m[j] + 0.1 * g[j]; v[j] = 0.999 * v[j] + 0.001 * g[j] ** 2; w[j] -= 0.05 * (m[j] / (1 - 0.9 ** it)) / (Math.sqrt(v[j] / (1 - 0.999 ** it)) + 1e-8); } }
  const s = Z.slice(tr).map(r => { let z = w[d]; for (let j = 0; j < d; j++) z += w[j] * r[j]!; return z; });
  console.log(name, "model test AUC", auc(s, y.slice(tr)).toFixed(4), "truth test AUC", auc(truth.slice(tr), y.slice(tr)).toFixed(4), "base", (y.reduce((a,b)=>a+b)/n).toFixed(3));
}
fit(yC, pC, "churn"); fit(yV, pV, "conversion");
