/**
 * Point-in-time behavioural features (README.md, "Features"): everything is computed from the
 * events in `(cutoff - lookbackDays, cutoff]`, so a row for an old cutoff sees exactly what was
 * known then, and deleting every later event changes nothing (features.test.ts).
 *
 * The families are the ones a data scientist builds by hand, derived from the data rather than
 * from a list of names ({@link FeatureLayout}, chosen in layout-discovery.ts):
 * - activity: days since the last event, events, distinct active days and revenue per window,
 *   their trend (the latest period against the one before), average order value;
 * - per event type: counts per window and days since the last one;
 * - goal cadence: goal events, days since the last, the mean gap between the days they fall on and
 *   how overdue the next one is (days since the last over the mean gap); the same for active days;
 * - what happened since the last goal event, per event type (for a purchase goal: carts since the
 *   last purchase, days since a cart that was not bought);
 * - funnel ratios between event types (e.g. addToCart per productView);
 * - per frequent value of a categorical event property: its count and its share of its type's events.
 *
 * Values are in natural units (days, counts, revenue): what a person reads in a profile's factors.
 * NaN means "not defined for this profile" (a mean gap needs two events); scaling.ts turns values
 * into model inputs.
 */
import type { EventValue } from "./event-values.js";
import { countUpTo, type EventSeries } from "./timeline.js";

const DAY_MS = 86_400_000;
/** How overdue a profile can read: beyond ten mean gaps it makes no difference. */
const MAX_OVERDUE = 10;

export interface FeatureLayout {
  lookbackDays: number;
  /** Count windows in days, ascending, the last one the lookback. */
  windows: number[];
  eventTypes: string[];
  /** Event types counted since the last goal event (types that are not themselves the goal). */
  sinceGoalTypes: string[];
  /** Funnel steps: `to` events per `from` event over the lookback. Both are in `eventTypes`. */
  funnel: { from: string; to: string }[];
  /** Categorical event values counted; each value's type is in `eventTypes`. */
  values: EventValue[];
  /**
   * What the goal's events are called in labels: an event type when the goal's events are exactly
   * that type's, `event` when every event is a goal event (a churn goal), else `goal`.
   */
  goalName: string;
  /**
   * Whether goal events get their own count and recency: not when they are one type's events or
   * all events, whose count and recency are features already (twin columns would split a factor).
   */
  goalColumns: boolean;
  /**
   * Whether the goal's cadence (mean gap, overdue-ness) is a feature: not when every event is a
   * goal event, whose cadence is the active days' (a feature already).
   */
  goalCadence: boolean;
}

/** `auto`: log1p when the training values are non-negative with a heavy tail, else linear (scaling.ts). */
export type Transform = "log1p" | "linear" | "auto";

export interface FeatureDef {
  /** Stable short name, e.g. `purchase.30d`. */
  key: string;
  /** What a person reads in a profile's factors, e.g. "purchase events in the last 30 days". */
  label: string;
  transform: Transform;
  /**
   * The effect of this feature may bend (a bump, a decay): scaling.ts gives the model a few hinge
   * functions of it besides its value. Days and ratios whose effect is rarely a straight line.
   */
  curve?: true;
}

/** "a" or "an" before a word, by its first letter. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** The trend compares the latest `trendDays` with the `trendDays` before them. */
export function trendDays(lookbackDays: number): number {
  return Math.min(30, Math.floor(lookbackDays / 2));
}

export function countWindows(lookbackDays: number): number[] {
  return [...new Set([7, 30, 90].filter((w) => w < lookbackDays).concat(lookbackDays))].sort((a, b) => a - b);
}

/** Where each family starts in a row, mirroring {@link behaviourFeatureDefs}. */
interface Offsets {
  perWindow: number;
  windows: number;
  daysSinceType: number;
  trend: number;
  orderValue: number;
  goal: number;
  activeCadence: number;
  sinceGoal: number;
  funnel: number;
  values: number;
  total: number;
}

function offsetsOf(layout: FeatureLayout): Offsets {
  const perWindow = 3 + layout.eventTypes.length;
  const windows = 1;
  const daysSinceType = windows + layout.windows.length * perWindow;
  const trend = daysSinceType + layout.eventTypes.length;
  const orderValue = trend + 2;
  const goal = orderValue + 1;
  const activeCadence = goal + (layout.goalColumns ? 2 : 0) + (layout.goalCadence ? 2 : 0);
  const sinceGoal = activeCadence + 2;
  const funnel = sinceGoal + 2 * layout.sinceGoalTypes.length;
  const values = funnel + layout.funnel.length;
  return {
    perWindow,
    windows,
    daysSinceType,
    trend,
    orderValue,
    goal,
    activeCadence,
    sinceGoal,
    funnel,
    values,
    total: values + 2 * layout.values.length,
  };
}

const def = (key: string, label: string, transform: Transform, curve = false): FeatureDef =>
  curve ? { key, label, transform, curve } : { key, label, transform };

/** Names, labels and transforms of the behavioural features, in the order rows hold them. */
export function behaviourFeatureDefs(layout: FeatureLayout): FeatureDef[] {
  const L = layout.lookbackDays;
  const last = (w: number) => `in the last ${w} days`;
  const defs: FeatureDef[] = [def("daysSinceLastEvent", "days since the last event", "linear", true)];
  for (const w of layout.windows) {
    defs.push(def(`events.${w}d`, `events ${last(w)}`, "log1p"));
    defs.push(def(`activeDays.${w}d`, `active days ${last(w)}`, "log1p"));
    defs.push(def(`revenue.${w}d`, `revenue ${last(w)}`, "log1p"));
    for (const type of layout.eventTypes)
      defs.push(def(`${type}.${w}d`, `${type} events ${last(w)}`, "log1p"));
  }
  for (const type of layout.eventTypes) {
    defs.push(def(`daysSince.${type}`, `days since the last ${type} event`, "linear", true));
  }
  const p = trendDays(L);
  const goals = layout.goalName === "event" ? "events" : `${layout.goalName} events`;
  const lastGoal = `the last ${layout.goalName === "event" ? "" : `${layout.goalName} `}event`;
  defs.push(
    def(
      `trend.events.${p}d`,
      `change in events, last ${p} days against the ${p} before (log ratio)`,
      "linear",
    ),
    def(
      `trend.activeDays.${p}d`,
      `change in active days, last ${p} days against the ${p} before (log ratio)`,
      "linear",
    ),
    def("averageOrderValue", `average order value ${last(L)}`, "log1p"),
  );
  if (layout.goalColumns) {
    defs.push(
      def("goal.count", `${goals} ${last(L)}`, "log1p"),
      def("goal.daysSince", `days since ${lastGoal}`, "linear", true),
    );
  }
  if (layout.goalCadence) {
    defs.push(
      def("goal.meanGap", `mean days between days with ${goals} ${last(L)}`, "linear", true),
      def("goal.overdue", `days since ${lastGoal} over their mean gap`, "log1p", true),
    );
  }
  defs.push(
    def("activeDays.meanGap", `mean days between active days ${last(L)}`, "linear", true),
    def("activeDays.overdue", "days since the last active day over their mean gap", "log1p", true),
  );
  for (const type of layout.sinceGoalTypes) {
    defs.push(def(`sinceGoal.${type}`, `${type} events since ${lastGoal}`, "log1p"));
    defs.push(
      def(
        `sinceGoal.daysSince.${type}`,
        `days since ${article(type)} ${type} event not followed by ${article(layout.goalName)} ${layout.goalName} event`,
        "linear",
        true,
      ),
    );
  }
  for (const { from, to } of layout.funnel) {
    defs.push(def(`funnel.${to}/${from}`, `${to} events per ${from} event ${last(L)}`, "log1p"));
  }
  for (const v of layout.values) {
    const what = `${v.type} events with ${v.path} = ${v.value}`;
    defs.push(def(`${v.type}.${v.path}=${v.value}`, `${what} ${last(L)}`, "log1p"));
    defs.push(
      def(
        `share.${v.type}.${v.path}=${v.value}`,
        `share of ${v.type} events with ${v.path} = ${v.value}`,
        "linear",
      ),
    );
  }
  return defs;
}

/**
 * Computes the behavioural features of a layout. Built once per layout; {@link write} is called for
 * every (profile, cutoff).
 */
export class BehaviourFeatures {
  readonly size: number;
  private readonly offsets: Offsets;
  private readonly typeIndex: Map<string, number>;
  private readonly sinceGoalIndex: Map<string, number>;
  private readonly funnelIndex: { from: number; to: number }[];
  private readonly valueType: Int32Array;
  // Scratch space, reused across rows.
  private readonly typeCounts: Float64Array;
  private readonly valueCounts: Float64Array;

  constructor(readonly layout: FeatureLayout) {
    this.offsets = offsetsOf(layout);
    this.size = this.offsets.total;
    this.typeIndex = new Map(layout.eventTypes.map((t, i) => [t, i]));
    this.sinceGoalIndex = new Map(layout.sinceGoalTypes.map((t, i) => [t, i]));
    this.funnelIndex = layout.funnel.map(({ from, to }) => ({
      from: this.typeIndex.get(from)!,
      to: this.typeIndex.get(to)!,
    }));
    this.valueType = Int32Array.from(layout.values, (v) => this.typeIndex.get(v.type) ?? -1);
    this.typeCounts = new Float64Array(layout.eventTypes.length);
    this.valueCounts = new Float64Array(layout.values.length);
  }

  /**
   * Writes the features of `series` at `cutoffMs` into `out[offset ..]`. `valueSlot` maps a
   * categorical value id to its place in `layout.values` (-1: not counted); absent when the ids
   * are the places already (scoring, event-values.ts `FixedValues`).
   */
  write(
    series: EventSeries,
    cutoffMs: number,
    out: Float32Array,
    offset: number,
    valueSlot?: Int32Array,
  ): void {
    const { layout, offsets: o } = this;
    const L = layout.lookbackDays;
    const windows = layout.windows;
    const nTypes = layout.eventTypes.length;
    const row = out.subarray(offset, offset + this.size);
    row.fill(0);
    row[0] = L;
    for (let t = 0; t < nTypes; t++) row[o.daysSinceType + t] = L;
    for (let s = 0; s < layout.sinceGoalTypes.length; s++) row[o.sinceGoal + 2 * s + 1] = L;
    this.typeCounts.fill(0);
    this.valueCounts.fill(0);

    const period = trendDays(L);
    const trend = { latestEvents: 0, beforeEvents: 0, latestDays: 0, beforeDays: 0 };
    let orders = 0;
    let orderRevenue = 0;
    // Goal events, and the distinct days they fall on, each day read at its latest goal event (a
    // cadence is between days, not between the events of one visit).
    const goal = { count: 0, days: 0, lastDay: -1, newest: Number.NaN, oldest: Number.NaN };
    const active = { count: 0, newest: Number.NaN, oldest: Number.NaN };
    let lastDay = -1;
    let seenAny = false;
    let goalSeen = false;

    const end = countUpTo(series, cutoffMs);
    const startMs = cutoffMs - L * DAY_MS;
    // Newest first: the first event of a kind seen is its most recent one.
    for (let i = end - 1; i >= 0; i--) {
      const t = series.times[i]!;
      if (t <= startMs) break;
      const age = (cutoffMs - t) / DAY_MS;
      const day = Math.floor(age);
      const newDay = day !== lastDay;
      if (newDay) {
        lastDay = day;
        if (active.count === 0) active.newest = day;
        active.oldest = day;
        active.count++;
      }
      if (!seenAny) {
        row[0] = age;
        seenAny = true;
      }
      const type = series.types[i];
      const ti = type === undefined ? undefined : this.typeIndex.get(type);
      const revenue = series.revenue[i]!;
      for (let wi = 0; wi < windows.length; wi++) {
        if (age >= windows[wi]!) continue;
        const at = o.windows + wi * o.perWindow;
        row[at]!++;
        if (newDay) row[at + 1]!++;
        row[at + 2]! += revenue;
        if (ti !== undefined) row[at + 3 + ti]!++;
      }
      if (ti !== undefined) {
        if (this.typeCounts[ti] === 0) row[o.daysSinceType + ti] = age;
        this.typeCounts[ti]!++;
      }
      if (age < period) {
        trend.latestEvents++;
        if (newDay) trend.latestDays++;
      } else if (age < 2 * period) {
        trend.beforeEvents++;
        if (newDay) trend.beforeDays++;
      }
      if (revenue > 0) {
        orders++;
        orderRevenue += revenue;
      }
      if (series.goal[i] === 1) {
        if (goal.count === 0) goal.newest = age;
        goal.count++;
        if (day !== goal.lastDay) {
          goal.lastDay = day;
          goal.days++;
          goal.oldest = age;
        }
        goalSeen = true;
      } else if (!goalSeen && type !== undefined) {
        const si = this.sinceGoalIndex.get(type);
        if (si !== undefined) {
          const at = o.sinceGoal + 2 * si;
          if (row[at] === 0) row[at + 1] = age;
          row[at]!++;
        }
      }
      for (let k = series.valueStart[i]!; k < series.valueStart[i + 1]!; k++) {
        const id = series.valueIds[k]!;
        const slot = valueSlot === undefined ? id : (valueSlot[id] ?? -1);
        if (slot >= 0) this.valueCounts[slot]!++;
      }
    }

    row[o.trend] = Math.log1p(trend.latestEvents) - Math.log1p(trend.beforeEvents);
    row[o.trend + 1] = Math.log1p(trend.latestDays) - Math.log1p(trend.beforeDays);
    row[o.orderValue] = orders === 0 ? 0 : orderRevenue / orders;
    let at = o.goal;
    if (layout.goalColumns) {
      row[at++] = goal.count;
      row[at++] = goal.count === 0 ? L : goal.newest;
    }
    if (layout.goalCadence)
      writeCadence(row, at, { count: goal.days, newest: goal.newest, oldest: goal.oldest });
    writeCadence(row, o.activeCadence, active);
    this.funnelIndex.forEach(({ from, to }, f) => {
      row[o.funnel + f] = this.typeCounts[to]! / (this.typeCounts[from]! + 1);
    });
    for (let v = 0; v < layout.values.length; v++) {
      const count = this.valueCounts[v]!;
      const ofType = this.valueType[v]! >= 0 ? this.typeCounts[this.valueType[v]!]! : 0;
      row[o.values + 2 * v] = count;
      row[o.values + 2 * v + 1] = ofType === 0 ? 0 : count / ofType;
    }
  }
}

/**
 * Mean gap and overdue-ness of a run of `count` days whose ages go from `newest` to `oldest`: the
 * mean gap is `(oldest - newest) / (count - 1)`; overdue-ness is the days since the newest over it.
 */
function writeCadence(
  row: Float32Array,
  at: number,
  run: { count: number; newest: number; oldest: number },
): void {
  const gap = run.count < 2 ? Number.NaN : (run.oldest - run.newest) / (run.count - 1);
  row[at] = gap;
  // A gap under a day reads as a day: overdue-ness in days.
  row[at + 1] = Number.isNaN(gap) ? Number.NaN : Math.min(MAX_OVERDUE, run.newest / Math.max(1, gap));
}
