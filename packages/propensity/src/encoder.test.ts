import { describe, expect, it } from "vitest";
import { type Encoder, encodeInto, fitEncoder, naturalValues, type RawRow } from "./encoder.js";
import { behaviourFeatureDefs, featureLayout } from "./features.js";
import { seededRandom } from "./random.js";

const DAY = 86_400_000;
const cutoffMs = Date.parse("2026-10-01T00:00:00Z");
const PATHS = ["age", "optIn", "signupDate", "tier", "mixed"];
const layout = featureLayout(90, ["purchase"], PATHS);
const behaviourColumns = behaviourFeatureDefs(layout).length;

/** Training rows with varied behaviour and one value per attribute path above. */
function rows(n: number, seed = 1): RawRow[] {
  const random = seededRandom(seed);
  const tiers = ["gold", "silver", "bronze"];
  return Array.from({ length: n }, (_, i) => ({
    behaviour: Float64Array.from({ length: behaviourColumns }, (_, j) =>
      j === 0 ? random() * 90 : Math.floor(random() * 20),
    ),
    attributes: [
      i % 5 === 0 ? undefined : 20 + Math.floor(random() * 50),
      random() < 0.3,
      i % 2 === 0 ? "2025-01-15" : new Date(cutoffMs - (10 + i) * DAY).toISOString(),
      tiers[i % 3],
      i % 4 === 0 ? 7 : "seven",
    ],
    cutoffMs: cutoffMs - (i % 3) * 30 * DAY,
  }));
}

function column(encoder: Encoder, name: string): number {
  const j = encoder.features.findIndex((f) => f.name === name);
  expect(j, `feature ${name}`).toBeGreaterThanOrEqual(0);
  return j;
}

function encode(encoder: Encoder, row: RawRow): { natural: Float64Array; x: Float32Array } {
  const natural = naturalValues(encoder, row);
  const x = new Float32Array(encoder.features.length);
  encodeInto(encoder, natural, x, 0);
  return { natural, x };
}

describe("fitEncoder", () => {
  const training = rows(600);
  const encoder = fitEncoder(layout, training);

  it("chooses number, yes/no, instant and category encodings from the training values", () => {
    expect(encoder.attributes).toEqual([
      { path: "age", kind: "number", hasMissing: true },
      { path: "optIn", kind: "boolean" },
      { path: "signupDate", kind: "instant", hasMissing: false },
      { path: "tier", kind: "category", values: ["bronze", "gold", "silver"] },
      // A mix of numbers and strings is a category; numbers are keyed by their JSON.
      { path: "mixed", kind: "category", values: ["seven", "7"] },
    ]);
    expect(encoder.features.slice(behaviourColumns).map((f) => f.name)).toEqual([
      "age",
      "age missing",
      "optIn",
      "signupDate (days before)",
      "tier=bronze",
      "tier=gold",
      "tier=silver",
      "mixed=seven",
      "mixed=7",
    ]);
  });

  it("keeps the ten most frequent categories", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      behaviour: new Float64Array(behaviourFeatureDefs(featureLayout(90, [], ["c"])).length),
      // ck appears 2k + 1 times for k < 14 and c14 the remaining 104: c14, c13 … c5 are the top ten.
      attributes: [`c${Math.min(14, Math.floor(Math.sqrt(i)))}`],
      cutoffMs,
    }));
    const e = fitEncoder(featureLayout(90, [], ["c"]), many);
    const kept = e.attributes[0]!.kind === "category" ? e.attributes[0]!.values : [];
    expect(kept).toHaveLength(10);
    expect(kept).toEqual(["c14", "c13", "c12", "c11", "c10", "c9", "c8", "c7", "c6", "c5"]);
  });

  it("standardises every column on the training rows: mean 0, standard deviation 1", () => {
    const d = encoder.features.length;
    const sum = new Float64Array(d);
    const sumSq = new Float64Array(d);
    for (const row of training) {
      const { x } = encode(encoder, row);
      for (let j = 0; j < d; j++) {
        sum[j]! += x[j]!;
        sumSq[j]! += x[j]! ** 2;
      }
    }
    for (let j = 0; j < d; j++) {
      const mean = sum[j]! / training.length;
      expect(Math.abs(mean), encoder.features[j]!.name).toBeLessThan(1e-4);
      // Missing ages encode as the mean, so "age" has less spread than 1; every other column is 1.
      const variance = sumSq[j]! / training.length - mean ** 2;
      if (encoder.features[j]!.name === "age") expect(variance).toBeLessThan(1);
      else expect(variance, encoder.features[j]!.name).toBeCloseTo(1, 3);
    }
  });

  it("applies log1p to counts and revenue before standardising, not to recency", () => {
    const defs = behaviourFeatureDefs(layout);
    expect(defs.find((f) => f.name === "daysSinceLastEvent")!.transform).toBe("linear");
    expect(defs.find((f) => f.name === "purchase.30d")!.transform).toBe("log1p");
    expect(defs.find((f) => f.name === "revenue.90d")!.transform).toBe("log1p");
    const j = column(encoder, "purchase.30d");
    const row = { ...training[0]!, behaviour: Float64Array.from(training[0]!.behaviour) };
    row.behaviour[j] = 9;
    expect(encode(encoder, row).x[j]).toBeCloseTo((Math.log(10) - encoder.mean[j]!) / encoder.std[j]!, 5);
  });

  it("encodes a missing number as the mean (0) with its missing flag set", () => {
    const row = { ...training[1]!, attributes: [null, true, "2025-01-15", "gold", 7] };
    const { natural, x } = encode(encoder, row);
    expect(natural[column(encoder, "age")]).toBeNaN();
    expect(natural[column(encoder, "age missing")]).toBe(1);
    expect(x[column(encoder, "age")]).toBe(0);
    const present = encode(encoder, { ...row, attributes: [33, true, "2025-01-15", "gold", 7] }).natural;
    expect(present[column(encoder, "age")]).toBe(33);
    expect(present[column(encoder, "age missing")]).toBe(0);
  });

  it("reads an instant as days before the row's cutoff", () => {
    const row = { ...training[0]!, attributes: [30, false, "2026-09-01", "gold", 7], cutoffMs };
    expect(encode(encoder, row).natural[column(encoder, "signupDate (days before)")]).toBe(30);
    const later = { ...row, cutoffMs: cutoffMs + 10 * DAY };
    expect(encode(encoder, later).natural[column(encoder, "signupDate (days before)")]).toBe(40);
  });

  it("gives an unseen category all zeros in its one-hot columns", () => {
    const tierColumns = ["tier=bronze", "tier=gold", "tier=silver"].map((n) => column(encoder, n));
    const unseen = encode(encoder, { ...training[0]!, attributes: [30, false, "2025-01-15", "diamond", 7] });
    expect(tierColumns.map((j) => unseen.natural[j])).toEqual([0, 0, 0]);
    const gold = encode(encoder, { ...training[0]!, attributes: [30, false, "2025-01-15", "gold", 7] });
    expect(tierColumns.map((j) => gold.natural[j])).toEqual([0, 1, 0]);
  });

  it("keeps a constant column at zero instead of dividing by a zero spread", () => {
    const constant = rows(50).map((r) => ({ ...r, attributes: [5, true, "2025-01-15", "gold", 7] }));
    const e = fitEncoder(layout, constant);
    const { x } = encode(e, constant[0]!);
    for (const name of ["age", "optIn", "tier=gold"]) {
      expect(e.std[column(e, name)]).toBe(1);
      expect(x[column(e, name)]).toBe(0);
    }
  });
});
