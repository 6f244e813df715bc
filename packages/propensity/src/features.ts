/**
 * Point-in-time behavioural features: everything is computed from the events in
 * `(cutoff - lookbackDays, cutoff]`, so a row for an old cutoff sees exactly what was known then.
 *
 * Values here are in natural units (days, counts, revenue), which is what a person reads in a
 * profile's factors; the encoder turns them into model inputs (log1p for counts and revenue,
 * then standardisation).
 */
import { countUpTo, type EventSeries } from "./timeline.js";

const DAY_MS = 86_400_000;

export interface FeatureLayout {
  lookbackDays: number;
  /** Count windows in days, ascending, each at most the lookback. */
  windows: number[];
  eventTypes: string[];
  /** Attribute paths (dotted). */
  attributes: string[];
}

export type Transform = "log1p" | "linear";

export interface FeatureDef {
  name: string;
  transform: Transform;
}

export function featureLayout(
  lookbackDays: number,
  eventTypes: readonly string[],
  attributes: readonly string[],
): FeatureLayout {
  const windows = [...new Set([7, 30, 90].filter((w) => w < lookbackDays).concat(lookbackDays))].sort(
    (a, b) => a - b,
  );
  return { lookbackDays, windows, eventTypes: [...eventTypes], attributes: [...attributes] };
}

/** The trend compares the latest `trendDays` with the `trendDays` before them. */
function trendDays(layout: FeatureLayout): number {
  return Math.min(30, Math.floor(layout.lookbackDays / 2));
}

/** Names and transforms of the behavioural features, in the order {@link behaviourFeatures} fills them. */
export function behaviourFeatureDefs(layout: FeatureLayout): FeatureDef[] {
  const defs: FeatureDef[] = [{ name: "daysSinceLastEvent", transform: "linear" }];
  for (const w of layout.windows) {
    defs.push({ name: `events.${w}d`, transform: "log1p" });
    for (const type of layout.eventTypes) defs.push({ name: `${type}.${w}d`, transform: "log1p" });
    defs.push({ name: `revenue.${w}d`, transform: "log1p" });
  }
  defs.push({ name: `trend.${trendDays(layout)}d`, transform: "linear" });
  return defs;
}

/**
 * Behavioural features at `cutoffMs`, in natural units. Days since the last event are capped at the
 * lookback (also when there is none); the trend is `ln(1 + events in the latest period) - ln(1 +
 * events in the one before)`: negative for a profile that is fading away.
 */
export function behaviourFeatures(
  timeline: EventSeries,
  cutoffMs: number,
  layout: FeatureLayout,
): Float64Array {
  const { lookbackDays, windows, eventTypes } = layout;
  const nTypes = eventTypes.length;
  const typeIndex = new Map(eventTypes.map((t, i) => [t, i]));
  const out = new Float64Array(behaviourFeatureDefs(layout).length);
  // Layout offsets, mirroring behaviourFeatureDefs.
  const recencyAt = 0;
  const windowAt = (wi: number) => 1 + wi * (nTypes + 2);
  const trendAt = 1 + windows.length * (nTypes + 2);
  out[recencyAt] = lookbackDays;

  const period = trendDays(layout);
  let latest = 0;
  let before = 0;
  const end = countUpTo(timeline, cutoffMs);
  const startMs = cutoffMs - lookbackDays * DAY_MS;
  // Newest first: the first event seen is the most recent one.
  let seenAny = false;
  for (let i = end - 1; i >= 0; i--) {
    const t = timeline.times[i]!;
    if (t <= startMs) break;
    const ageDays = (cutoffMs - t) / DAY_MS;
    const ti = typeIndex.get(timeline.types[i] as string);
    if (!seenAny) {
      out[recencyAt] = ageDays;
      seenAny = true;
    }
    for (let wi = 0; wi < windows.length; wi++) {
      if (ageDays >= windows[wi]!) continue;
      const at = windowAt(wi);
      out[at] = out[at]! + 1;
      if (ti !== undefined) out[at + 1 + ti] = out[at + 1 + ti]! + 1;
      out[at + 1 + nTypes] = out[at + 1 + nTypes]! + timeline.revenue[i]!;
    }
    if (ageDays < period) latest++;
    else if (ageDays < 2 * period) before++;
  }
  out[trendAt] = Math.log1p(latest) - Math.log1p(before);
  return out;
}
