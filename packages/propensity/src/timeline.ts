/**
 * A profile's events, decoded once into parallel arrays sorted by time, so that features at
 * several cutoffs and the eligibility check read them without re-parsing.
 */
import { type Profile, type ProfileEvent, parseInstant } from "@segflow/segment-language";

export interface Timeline {
  /** Event times in epoch ms, ascending. Events without a valid timestamp are left out. */
  times: Float64Array;
  types: (string | undefined)[];
  /** `properties.revenue` when it is a finite number, else 0. */
  revenue: Float64Array;
  /** The events, in the same order, for the segment-language evaluator. */
  events: ProfileEvent[];
}

export function timeOf(timestamp: unknown): number | undefined {
  if (timestamp instanceof Date) {
    const t = timestamp.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  if (typeof timestamp === "string") return parseInstant(timestamp);
  return undefined;
}

export function timelineOf(profile: Profile): Timeline {
  const timed: { t: number; e: ProfileEvent }[] = [];
  for (const e of profile.events ?? []) {
    const t = timeOf(e?.timestamp);
    if (t !== undefined) timed.push({ t, e });
  }
  timed.sort((a, b) => a.t - b.t);
  const n = timed.length;
  const timeline: Timeline = {
    times: new Float64Array(n),
    types: new Array(n),
    revenue: new Float64Array(n),
    events: new Array(n),
  };
  timed.forEach(({ t, e }, i) => {
    timeline.times[i] = t;
    timeline.types[i] = typeof e.type === "string" ? e.type : undefined;
    const revenue = (e.properties as { revenue?: unknown } | null | undefined)?.revenue;
    timeline.revenue[i] = typeof revenue === "number" && Number.isFinite(revenue) ? revenue : 0;
    timeline.events[i] = e;
  });
  return timeline;
}

/**
 * What features read of a profile's events, kept for every profile while a dataset is built: no
 * event objects, only parallel arrays (ascending time).
 */
export interface EventSeries {
  times: Float64Array;
  types: (string | undefined)[];
  revenue: Float64Array;
  /** 1 where the event matches the model's goal filter. */
  goal: Uint8Array;
  /** Event `i`'s categorical values (event-values.ts) are `valueIds[valueStart[i] .. valueStart[i + 1])`. */
  valueStart: Uint32Array;
  valueIds: Int32Array;
}

/** Reads which events match the goal and which categorical values each carries. */
export function eventSeries(
  timeline: Timeline,
  matchesGoal: (event: ProfileEvent, atMs: number) => boolean,
  values: { idsOf(type: string, properties: unknown): number[] },
): EventSeries {
  const n = timeline.times.length;
  const goal = new Uint8Array(n);
  const valueStart = new Uint32Array(n + 1);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const event = timeline.events[i]!;
    goal[i] = matchesGoal(event, timeline.times[i]!) ? 1 : 0;
    const type = timeline.types[i];
    if (type !== undefined) ids.push(...values.idsOf(type, event.properties));
    valueStart[i + 1] = ids.length;
  }
  return {
    times: timeline.times,
    types: timeline.types,
    revenue: timeline.revenue,
    goal,
    valueStart,
    valueIds: Int32Array.from(ids),
  };
}

/** How many events are at or before `ms` (events `[0, n)` are). */
export function countUpTo(timeline: Pick<Timeline, "times">, ms: number): number {
  let lo = 0;
  let hi = timeline.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline.times[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The profile as it was at `ms`: only the events up to then (attributes as they are now). */
export function profileAsOf(profile: Profile, timeline: Timeline, ms: number): Profile {
  return { ...profile, events: timeline.events.slice(0, countUpTo(timeline, ms)) };
}
