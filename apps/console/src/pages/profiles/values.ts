/**
 * Stored values as a person reads them: nested attributes as indented rows, instants and numbers
 * as text, and a profile's `scores.<model>` entries read with their shape checked (the API types
 * them `unknown`: a profile may carry scores of any shape written through `POST /v1/profiles`).
 */
/** One line of a nested value: a leaf shows its text, an object or array opens a group. */
export interface ValueRow {
  /** Dotted path from the root (array items as `[i]`), unique: a React key. */
  path: string;
  /** The key (or `[i]`) at this level. */
  key: string;
  depth: number;
  /** The leaf's text; undefined for a group. */
  text?: string;
  /** For a group: what it holds ("3 items", "2 fields"). */
  summary?: string;
  kind: "string" | "number" | "boolean" | "null" | "group";
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The rows of `value`'s fields, depth first, in the stored order. */
export function valueRows(value: Record<string, unknown>): ValueRow[] {
  const rows: ValueRow[] = [];
  const visit = (key: string, path: string, v: unknown, depth: number) => {
    if (Array.isArray(v)) {
      rows.push({ path, key, depth, kind: "group", summary: plural(v.length, "item") });
      for (const [i, item] of v.entries()) visit(`[${i}]`, `${path}[${i}]`, item, depth + 1);
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      rows.push({ path, key, depth, kind: "group", summary: plural(entries.length, "field") });
      for (const [k, item] of entries) visit(k, `${path}.${k}`, item, depth + 1);
    } else rows.push({ path, key, depth, ...leaf(v) });
  };
  for (const [k, v] of Object.entries(value)) visit(k, k, v, 0);
  return rows;
}

function leaf(v: unknown): Pick<ValueRow, "text" | "kind"> {
  if (v === null || v === undefined) return { text: "null", kind: "null" };
  if (typeof v === "string") return { text: JSON.stringify(v), kind: "string" };
  if (typeof v === "number") return { text: formatNumber(v), kind: "number" };
  if (typeof v === "boolean") return { text: String(v), kind: "boolean" };
  return { text: String(v), kind: "string" };
}

export const formatNumber = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 4 });

/** A value shown inline (an explain node's value, an event property): compact JSON, strings quoted. */
export function inlineValue(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (v !== null && typeof v === "object" && !Array.isArray(v) && "durationMs" in v) {
    const ms = Number((v as { durationMs: unknown }).durationMs);
    return formatDuration(ms);
  }
  return JSON.stringify(v) ?? String(v);
}

/** A duration in the largest whole unit that fits (the explain tree gives `within last` in ms). */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return plural(ms / size, name);
  }
  return `${formatNumber(ms)} ms`;
}

/** A propensity score as the trainer writes it on a profile (`scores.<model>`, packages/propensity's scorer). */
export interface ProfileScore {
  probability: number;
  score: number;
  percentile: number;
  /** The score band (low, medium, high), stored as `bucket`. */
  bucket: string;
  factors: { feature: string; value: number | null; impact: number }[];
  modelVersion?: number;
  scoredAt?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function asScore(raw: unknown): ProfileScore | null {
  if (!isRecord(raw)) return null;
  const { probability, score, percentile, bucket, factors, modelVersion, scoredAt } = raw;
  if (typeof probability !== "number" || typeof score !== "number" || typeof percentile !== "number")
    return null;
  if (typeof bucket !== "string") return null;
  const list = Array.isArray(factors) ? factors : [];
  const read = list.flatMap((f) =>
    isRecord(f) && typeof f.feature === "string" && typeof f.impact === "number"
      ? [{ feature: f.feature, value: typeof f.value === "number" ? f.value : null, impact: f.impact }]
      : [],
  );
  return {
    probability,
    score,
    percentile,
    bucket,
    factors: read,
    ...(typeof modelVersion === "number" && { modelVersion }),
    ...(typeof scoredAt === "string" && { scoredAt }),
  };
}

/** Each model's score on the profile; entries of another shape are listed with their raw value. */
export function readScores(
  scores: Record<string, unknown>,
): { model: string; score: ProfileScore | null; raw: unknown }[] {
  return Object.entries(scores).map(([model, raw]) => ({ model, score: asScore(raw), raw }));
}
