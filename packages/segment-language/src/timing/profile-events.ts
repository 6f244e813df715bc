/**
 * A profile's events for the time analysis: every event with a valid timestamp, the ones later
 * than `now` included (they come into existence at their timestamp), decoded once, in stored
 * order. Decoding follows the evaluator's (compiler/context.ts).
 */
import type { AggregateFn } from "../ast.js";
import { parseInstant } from "../instant.js";
import type { Profile } from "../profile.js";
import { Instant, instantMs, isObject } from "../values.js";

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export class ProfileEvents {
  readonly types: (string | undefined)[] = [];
  readonly times: number[] = [];
  readonly props: Record<string, unknown>[] = [];

  constructor(profile: Profile) {
    const events = profile.events;
    if (!Array.isArray(events)) return;
    for (const e of events) {
      if (!isObject(e)) continue;
      const raw = e.timestamp;
      const ms = typeof raw === "string" ? parseInstant(raw) : instantMs(raw);
      if (ms === undefined) continue;
      this.types.push(typeof e.type === "string" ? e.type : undefined);
      this.times.push(ms);
      this.props.push(isObject(e.properties) ? e.properties : EMPTY);
    }
  }

  get length(): number {
    return this.times.length;
  }

  private byType: Map<string, number[]> | undefined;

  /** The events of the given types, in stored order; every event for null. */
  ofTypes(types: readonly string[] | null): readonly number[] {
    if (types === null) return this.times.map((_, i) => i);
    if (this.byType === undefined) {
      this.byType = new Map();
      this.types.forEach((t, i) => {
        if (t === undefined) return;
        const list = this.byType!.get(t);
        if (list) list.push(i);
        else this.byType!.set(t, [i]);
      });
    }
    if (types.length === 1) return this.byType.get(types[0]!) ?? [];
    const all = [...new Set(types)].flatMap((t) => this.byType!.get(t) ?? []);
    return all.sort((a, b) => a - b);
  }
}

/**
 * The events one filter selects at `now`, and when that may change. An event that exists and
 * matches may stop matching at its `leave` instant; any other event, existing or not yet, may
 * start matching at its `enter` instant (never: not listed).
 */
export interface Matches {
  /** Existing matching events, in stored order. */
  readonly indices: number[];
  /** For each of `indices`, the first instant it may stop matching. */
  readonly leave: number[];
  /** For each other event that may ever match, the first instant it may start. */
  readonly enter: number[];
  /** The first instant the selection may change: the least of `leave` and `enter`. */
  readonly first: number;
}

/**
 * `sum`/`avg`/`min`/`max` of `values` (the path read on each matching event, in stored order), as
 * the evaluator aggregates (docs/segment-language.md, "Events"; compiler/event-plan.ts).
 */
export function aggregateOf(fn: AggregateFn, values: readonly unknown[]): unknown {
  let sum = 0;
  let count = 0;
  let best: number | undefined;
  let kind: "number" | "instant" | undefined;
  for (const v of values) {
    if (fn === "sum" || fn === "avg") {
      if (typeof v === "number") {
        sum += v;
        count++;
      }
      continue;
    }
    // min/max: the kind of the first value taken decides; values of the other kind are skipped.
    const k = typeof v === "number" ? "number" : "instant";
    const x = typeof v === "number" ? v : instantMs(v);
    if (x === undefined || (kind !== undefined && kind !== k)) continue;
    kind = k;
    if (best === undefined || (fn === "min" ? x < best : x > best)) best = x;
  }
  if (fn === "sum") return sum;
  if (fn === "avg") return count === 0 ? undefined : sum / count;
  if (best === undefined) return undefined;
  return kind === "instant" ? new Instant(best) : best;
}
