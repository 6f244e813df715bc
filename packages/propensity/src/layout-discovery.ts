/**
 * Which behavioural features a model gets (features.ts, {@link FeatureLayout}), decided from the
 * data once every profile has been read, never from a list of one shop's names: the most frequent
 * event types, the types that are not the goal (counted since the last goal event), a funnel
 * between the most frequent types, and the categorical event values with enough support.
 */
import type { ValueVocabulary } from "./event-values.js";
import { countWindows, type FeatureLayout } from "./features.js";

const MAX_EVENT_TYPES = 20;
const MAX_SINCE_GOAL_TYPES = 10;
/** The funnel links the most frequent types, in order of frequency. */
const FUNNEL_TYPES = 8;
const VALUES = { minSupport: 50, perProperty: 8, total: 40 };
/** A type whose events mostly match the goal is the goal: counting it "since the goal" says nothing. */
const GOAL_SHARE = 0.5;

export interface EventTypeStats {
  /** Events per type. */
  counts: Map<string, number>;
  /** Events per type that match the goal. */
  goalCounts: Map<string, number>;
}

export function discoverLayout(
  lookbackDays: number,
  stats: EventTypeStats,
  vocabulary: Pick<ValueVocabulary, "frequentValues">,
  listedTypes?: readonly string[],
): FeatureLayout {
  const count = (type: string) => stats.counts.get(type) ?? 0;
  const byFrequency = (a: string, b: string) => count(b) - count(a) || (a < b ? -1 : 1);
  const eventTypes =
    listedTypes === undefined
      ? [...stats.counts.keys()].sort(byFrequency).slice(0, MAX_EVENT_TYPES)
      : [...listedTypes];
  const observed = eventTypes.filter((t) => count(t) > 0).sort(byFrequency);
  const sinceGoalTypes = observed
    .filter((t) => (stats.goalCounts.get(t) ?? 0) < GOAL_SHARE * count(t))
    .slice(0, MAX_SINCE_GOAL_TYPES);
  const funnelTypes = observed.slice(0, FUNNEL_TYPES);
  const funnel = funnelTypes.slice(1).map((to, i) => ({ from: funnelTypes[i]!, to }));
  const counted = new Set(eventTypes);
  const values = vocabulary.frequentValues(VALUES).filter((v) => counted.has(v.type));
  const goalName = nameOfGoal(stats);
  return {
    lookbackDays,
    windows: countWindows(lookbackDays),
    eventTypes,
    sinceGoalTypes,
    funnel,
    values,
    goalName,
    goalColumns: goalName === "goal",
    goalCadence: goalName !== "event",
  };
}

/** `event` when every event is a goal event, the type when the goal's events are one type's, else `goal`. */
function nameOfGoal(stats: EventTypeStats): string {
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  const goals = total(stats.goalCounts);
  if (goals > 0 && goals === total(stats.counts)) return "event";
  const [type, count] = [...stats.goalCounts.entries()].find(([, n]) => n > 0) ?? [];
  if (type !== undefined && count === goals && stats.counts.get(type) === goals) return type;
  return "goal";
}
