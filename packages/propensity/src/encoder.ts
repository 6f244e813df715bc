/**
 * Turns natural feature values into model inputs, with everything learned from the training rows
 * only: how each attribute is encoded (number, yes/no, instant, category), the categories kept,
 * and each column's mean and standard deviation. Stored with the model, so that scoring encodes
 * exactly as training did.
 *
 * Encoded columns are standardised, so a zero input is the average training profile: the
 * baseline that factor impacts are measured from.
 */
import { parseInstant } from "@segflow/segment-language";
import { behaviourFeatureDefs, type FeatureDef, type FeatureLayout } from "./features.js";

const DAY_MS = 86_400_000;
const MAX_CATEGORIES = 10;

export type AttributeEncoding =
  | { path: string; kind: "number"; hasMissing: boolean }
  | { path: string; kind: "boolean" }
  /** Days from the attribute's instant to the cutoff (e.g. `signupDate`: tenure). */
  | { path: string; kind: "instant"; hasMissing: boolean }
  | { path: string; kind: "category"; values: string[] };

/** One example before encoding: behaviour in natural units and the raw attribute values. */
export interface RawRow {
  behaviour: Float64Array;
  attributes: unknown[];
  cutoffMs: number;
}

export interface Encoder {
  layout: FeatureLayout;
  attributes: AttributeEncoding[];
  features: FeatureDef[];
  mean: number[];
  std: number[];
}

/** Epoch ms of a Date or of a string that starts like a date (a bare date is midnight UTC). */
function instantMs(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  return parseInstant(v.length === 10 ? `${v}T00:00:00Z` : v);
}

function chooseEncoding(path: string, values: unknown[]): AttributeEncoding {
  const present = values.filter((v) => v !== null && v !== undefined);
  const hasMissing = present.length < values.length;
  if (present.length > 0 && present.every((v) => typeof v === "number" && Number.isFinite(v))) {
    return { path, kind: "number", hasMissing };
  }
  if (present.length > 0 && present.every((v) => typeof v === "boolean")) return { path, kind: "boolean" };
  if (present.length > 0 && present.every((v) => instantMs(v) !== undefined)) {
    return { path, kind: "instant", hasMissing };
  }
  // Anything else is a category: the most frequent values, each as a yes/no column.
  const counts = new Map<string, number>();
  for (const v of present) {
    const key = typeof v === "string" ? v : JSON.stringify(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const values_ = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CATEGORIES)
    .map(([k]) => k);
  return { path, kind: "category", values: values_ };
}

function attributeDefs(e: AttributeEncoding): FeatureDef[] {
  switch (e.kind) {
    case "number":
      return [
        { name: e.path, transform: "linear" },
        ...(e.hasMissing ? [{ name: `${e.path} missing`, transform: "linear" as const }] : []),
      ];
    case "boolean":
      return [{ name: e.path, transform: "linear" }];
    case "instant":
      return [
        { name: `${e.path} (days before)`, transform: "linear" },
        ...(e.hasMissing ? [{ name: `${e.path} missing`, transform: "linear" as const }] : []),
      ];
    case "category":
      return e.values.map((v) => ({ name: `${e.path}=${v}`, transform: "linear" as const }));
  }
}

/** Natural values of every feature of `encoder` for one row (NaN: missing number or instant). */
export function naturalValues(encoder: Pick<Encoder, "attributes" | "features">, row: RawRow): Float64Array {
  const out = new Float64Array(encoder.features.length);
  out.set(row.behaviour);
  let at = row.behaviour.length;
  encoder.attributes.forEach((e, i) => {
    const v = row.attributes[i];
    switch (e.kind) {
      case "number":
        out[at++] = typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
        if (e.hasMissing) out[at++] = typeof v === "number" ? 0 : 1;
        break;
      case "boolean":
        out[at++] = v === true ? 1 : 0;
        break;
      case "instant": {
        const t = instantMs(v);
        out[at++] = t === undefined ? Number.NaN : (row.cutoffMs - t) / DAY_MS;
        if (e.hasMissing) out[at++] = t === undefined ? 1 : 0;
        break;
      }
      case "category": {
        const key = typeof v === "string" ? v : JSON.stringify(v);
        for (const value of e.values) out[at++] = key === value ? 1 : 0;
        break;
      }
    }
  });
  return out;
}

function transformed(defs: FeatureDef[], natural: Float64Array, j: number): number {
  const v = natural[j]!;
  return defs[j]!.transform === "log1p" ? Math.log1p(Math.max(0, v)) : v;
}

export function fitEncoder(layout: FeatureLayout, rows: readonly RawRow[]): Encoder {
  const attributes = layout.attributes.map((path, i) =>
    chooseEncoding(
      path,
      rows.map((r) => r.attributes[i]),
    ),
  );
  const features = [...behaviourFeatureDefs(layout), ...attributes.flatMap(attributeDefs)];
  const d = features.length;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const n = new Float64Array(d);
  for (const row of rows) {
    const natural = naturalValues({ attributes, features }, row);
    for (let j = 0; j < d; j++) {
      const v = transformed(features, natural, j);
      if (Number.isNaN(v)) continue;
      sum[j]! += v;
      sumSq[j]! += v * v;
      n[j]!++;
    }
  }
  const mean = [...sum].map((s, j) => (n[j]! > 0 ? s / n[j]! : 0));
  const std = [...sumSq].map((s, j) => {
    const variance = n[j]! > 1 ? s / n[j]! - mean[j]! ** 2 : 0;
    // A constant column carries nothing; dividing by 1 keeps it at zero instead of exploding.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { layout, attributes, features, mean, std };
}

/** Standardised model input for natural values (missing numbers become the mean: zero). */
export function encodeInto(
  encoder: Encoder,
  natural: Float64Array,
  target: Float32Array,
  offset: number,
): void {
  for (let j = 0; j < encoder.features.length; j++) {
    const v = transformed(encoder.features, natural, j);
    target[offset + j] = Number.isNaN(v) ? 0 : (v - encoder.mean[j]!) / encoder.std[j]!;
  }
}
