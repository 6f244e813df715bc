import { generatePopulation } from "./src/index.js";
const now = new Date("2026-12-01T00:00:00Z");
for (const target of [2, 5, 10, 20, 50, 100]) {
  let e = 0; const N = 4000;
  for (const p of generatePopulation({ profiles: N, seed: 5, now, eventsPerProfile: target })) e += p.events.length;
  console.log(target, (e / N).toFixed(2), (e / N / target).toFixed(3));
}
