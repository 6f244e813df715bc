/**
 * Profile attributes as features (README.md, "Attributes"). When a model lists none, every
 * attribute with usable coverage is considered; when it lists some, only those are.
 *
 * An {@link AttributeSurvey} reads every profile's attributes once (paths down to three levels,
 * what kind of values each holds, how often); {@link chooseAttributeEncodings} then decides, per
 * path, how it becomes columns:
 * - numbers: the value (missing: the training mean) and a "missing" flag when some lack it;
 * - yes/no: 1/0 and a "missing" flag when some lack it;
 * - instants (a Date or an ISO date string): days from it to the cutoff (`signupDate`: tenure,
 *   `birthDate`: age); an instant after the cutoff was not known then and reads as missing;
 * - categories: one column per value with enough support, and one for any other value;
 * - lists of strings (tags): one column per value with enough support.
 * A text whose frequent values cover less than half of its profiles (a name, an email address,
 * an id) is no category and is left out, as are paths on too few profiles; the report says why.
 */
import { parseInstant } from "@segflow/segment-language";
import { readAttribute } from "./attribute-path.js";
import type { FeatureDef } from "./features.js";

const DAY_MS = 86_400_000;
const MAX_DEPTH = 3;
const MAX_DISTINCT = 1000;
const MAX_VALUES = 10;
/** Paths on fewer profiles than this share are not considered unless listed. */
const MIN_COVERAGE = 0.05;
/** A value is a column when at least this many profiles (and 1% of those with the path) have it. */
const MIN_VALUE_SUPPORT = 20;
/** Of the present values, at least this share must be of one kind for the path to be of that kind. */
const KIND_SHARE = 0.95;

export type AttributeEncoding =
  | { path: string; kind: "number"; hasMissing: boolean }
  | { path: string; kind: "boolean"; hasMissing: boolean }
  | { path: string; kind: "instant"; hasMissing: boolean }
  | { path: string; kind: "category"; values: string[]; other: boolean }
  | { path: string; kind: "tags"; values: string[] };

export interface SkippedAttribute {
  path: string;
  reason: string;
}

/** Epoch ms of a Date or of a string that starts like a date (a bare date is midnight UTC). */
export function instantMs(v: unknown): number | undefined {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  return parseInstant(v.length === 10 ? `${v}T00:00:00Z` : v);
}

type Kind = "number" | "boolean" | "instant" | "text" | "tags" | "other";

function kindOf(v: unknown): Kind {
  if (typeof v === "number") return Number.isFinite(v) ? "number" : "other";
  if (typeof v === "boolean") return "boolean";
  if (instantMs(v) !== undefined) return "instant";
  if (typeof v === "string") return "text";
  // An empty list is a profile without tags, not a value of another kind.
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return "tags";
  return "other";
}

interface PathStats {
  present: number;
  kinds: Map<Kind, number>;
  values: Map<string, number>;
  overflow: boolean;
}

/** What every profile's attributes hold, read once while profiles stream in. */
export class AttributeSurvey {
  profiles = 0;
  private readonly paths = new Map<string, PathStats>();

  add(attributes: unknown): void {
    this.profiles++;
    this.visit(attributes, "", 0);
  }

  private visit(node: unknown, prefix: string, depth: number): void {
    if (node === null || typeof node !== "object" || Array.isArray(node) || node instanceof Date) return;
    for (const [key, v] of Object.entries(node as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
        if (depth + 1 < MAX_DEPTH) this.visit(v, path, depth + 1);
        continue;
      }
      this.record(path, v);
    }
  }

  private record(path: string, v: unknown): void {
    let stats = this.paths.get(path);
    if (stats === undefined) {
      stats = { present: 0, kinds: new Map(), values: new Map(), overflow: false };
      this.paths.set(path, stats);
    }
    stats.present++;
    const kind = kindOf(v);
    stats.kinds.set(kind, (stats.kinds.get(kind) ?? 0) + 1);
    const texts = kind === "text" ? [v as string] : kind === "tags" ? [...new Set(v as string[])] : [];
    for (const text of texts) {
      const seen = stats.values.get(text);
      if (seen !== undefined) stats.values.set(text, seen + 1);
      else if (stats.values.size < MAX_DISTINCT) stats.values.set(text, 1);
      else stats.overflow = true;
    }
  }

  /** Paths seen, most common first. */
  seenPaths(): string[] {
    return [...this.paths.entries()]
      .sort((a, b) => b[1].present - a[1].present || (a[0] < b[0] ? -1 : 1))
      .map(([p]) => p);
  }

  stats(path: string): PathStats | undefined {
    return this.paths.get(path);
  }
}

/**
 * How each attribute becomes columns: every path with usable coverage when `listed` is empty,
 * else exactly the listed ones (a listed path is kept even when rare).
 */
export function chooseAttributeEncodings(
  survey: AttributeSurvey,
  listed: readonly string[],
): { encodings: AttributeEncoding[]; skipped: SkippedAttribute[] } {
  const auto = listed.length === 0;
  const encodings: AttributeEncoding[] = [];
  const skipped: SkippedAttribute[] = [];
  for (const path of auto ? survey.seenPaths() : listed) {
    const stats = survey.stats(path);
    const skip = (reason: string) => skipped.push({ path, reason });
    if (stats === undefined) {
      skip("no profile has it");
      continue;
    }
    const coverage = stats.present / Math.max(1, survey.profiles);
    if (auto && coverage < MIN_COVERAGE) {
      skip(`on ${(coverage * 100).toFixed(1)}% of profiles, under ${MIN_COVERAGE * 100}%`);
      continue;
    }
    const hasMissing = stats.present < survey.profiles;
    const kind = [...stats.kinds.entries()].find(([, n]) => n >= KIND_SHARE * stats.present)?.[0];
    if (kind === "number" || kind === "boolean" || kind === "instant") {
      encodings.push({ path, kind, hasMissing });
      continue;
    }
    if (kind === "text" || kind === "tags") {
      const minSupport = Math.max(MIN_VALUE_SUPPORT, 0.01 * stats.present);
      const frequent = [...stats.values.entries()]
        .filter(([, n]) => n >= minSupport)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_VALUES);
      const covered = frequent.reduce((s, [, n]) => s + n, 0);
      if (frequent.length === 0 || (auto && kind === "text" && covered < 0.5 * stats.present)) {
        skip(
          `no frequent values: ${stats.overflow ? "over " : ""}${stats.values.size} distinct, an identifier or free text`,
        );
        continue;
      }
      const values = frequent.map(([v]) => v);
      encodings.push(
        kind === "tags"
          ? { path, kind: "tags", values }
          : { path, kind: "category", values, other: covered < stats.present || stats.overflow },
      );
      continue;
    }
    skip("its values are of mixed or unsupported kinds");
  }
  return { encodings, skipped };
}

/** Column names, labels and transforms of an attribute encoding. */
export function attributeFeatureDefs(e: AttributeEncoding): FeatureDef[] {
  const missing = (has: boolean): FeatureDef[] =>
    has ? [{ key: `${e.path}.missing`, label: `${e.path} missing`, transform: "linear" }] : [];
  switch (e.kind) {
    case "number":
      return [{ key: e.path, label: e.path, transform: "auto", curve: true }, ...missing(e.hasMissing)];
    case "boolean":
      return [{ key: e.path, label: `${e.path} = true`, transform: "linear" }, ...missing(e.hasMissing)];
    case "instant":
      return [
        { key: `${e.path}.daysBefore`, label: `days since ${e.path}`, transform: "linear", curve: true },
        ...missing(e.hasMissing),
      ];
    case "category":
      return [
        ...e.values.map((v) => ({
          key: `${e.path}=${v}`,
          label: `${e.path} = ${v}`,
          transform: "linear" as const,
        })),
        ...(e.other
          ? [{ key: `${e.path}=*`, label: `${e.path}: another value`, transform: "linear" as const }]
          : []),
      ];
    case "tags":
      return e.values.map((v) => ({
        key: `${e.path}[${v}]`,
        label: `${e.path} includes ${v}`,
        transform: "linear" as const,
      }));
  }
}

/** Writes the attribute columns of one profile at a cutoff (natural units; NaN: missing). */
export function writeAttributes(
  encodings: readonly AttributeEncoding[],
  attributes: unknown,
  cutoffMs: number,
  out: Float32Array,
  offset: number,
): void {
  let at = offset;
  for (const e of encodings) {
    const v = readAttribute(attributes, e.path);
    const absent = v === null || v === undefined;
    switch (e.kind) {
      case "number":
        out[at++] = typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
        if (e.hasMissing) out[at++] = typeof v === "number" && Number.isFinite(v) ? 0 : 1;
        break;
      case "boolean":
        out[at++] = v === true ? 1 : v === false ? 0 : Number.NaN;
        if (e.hasMissing) out[at++] = typeof v === "boolean" ? 0 : 1;
        break;
      case "instant": {
        const t = instantMs(v);
        const known = t !== undefined && t <= cutoffMs;
        out[at++] = known ? (cutoffMs - t) / DAY_MS : Number.NaN;
        if (e.hasMissing) out[at++] = known ? 0 : 1;
        break;
      }
      case "category": {
        const key = typeof v === "string" ? v : JSON.stringify(v);
        const index = absent ? -1 : e.values.indexOf(key);
        for (let i = 0; i < e.values.length; i++) out[at++] = i === index ? 1 : 0;
        if (e.other) out[at++] = !absent && index < 0 ? 1 : 0;
        break;
      }
      case "tags": {
        const tags = Array.isArray(v) ? v : [];
        for (const value of e.values) out[at++] = tags.includes(value) ? 1 : 0;
        break;
      }
    }
  }
}
