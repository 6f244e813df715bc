import { generatePopulation } from "./src/index.js";
import { createHash } from "node:crypto";
const now = new Date("2026-12-01T00:00:00Z");
for (const N of [20000, 100000]) {
  const t0 = performance.now(); let e = 0; const h = createHash("sha256");
  for (const p of generatePopulation({ profiles: N, seed: 1, now })) { e += p.events.length; if (N === 20000) h.update(JSON.stringify(p)); }
  console.log(N, e, Math.round(performance.now() - t0), "ms", N === 20000 ? h.digest("hex").slice(0, 16) : "");
}
