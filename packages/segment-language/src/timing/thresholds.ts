/**
 * Integer values that move with time in steps, compared with a fixed number: `daysSince(x)`
 * and `yearsSince(x)` of a fixed instant (they only grow), and `count(events where …)` (events
 * enter and leave the filter at known instants). A comparison with a bound changes only when
 * the bound is crossed, not at every step: `yearsSince(birthDate) >= 18` changes on the 18th
 * birthday, not every year, `daysSince(lastLogin) > 60` once, not every day.
 */
import type { CompareOp } from "../ast.js";
import { addCalendarYears } from "../instant.js";
import { atOrAfter } from "./linear.js";

const DAY_MS = 86_400_000;
const NEVER = Number.POSITIVE_INFINITY;

/** Whether a value is at least `need` now, and until when that stays so (at least). */
export interface Threshold {
  /** The value at `now`, an integer. */
  readonly value: number;
  /** Until when (exclusive) the value is the one computed from the inputs seen now. */
  readonly validUntil: number;
  /** `value >= need` now, and the first instant at which that may stop being so. */
  atLeast(need: number): { holds: boolean; until: number };
}

/** `daysSince(x)` or `yearsSince(x)` of a fixed instant `x`: non-decreasing in `now`. */
export class Clock implements Threshold {
  constructor(
    private readonly fn: "daysSince" | "yearsSince",
    private readonly fromMs: number,
    readonly value: number,
    private readonly nowMs: number,
    readonly validUntil: number,
  ) {}

  /** The first instant at which the value is `need` or more. */
  reaches(need: number): number {
    const at = this.fn === "daysSince" ? this.fromMs + need * DAY_MS : addCalendarYears(this.fromMs, need);
    return atOrAfter(at, this.nowMs);
  }

  /** The next instant at which the value changes. */
  nextStep(): number {
    return this.reaches(this.value + 1);
  }

  atLeast(need: number): { holds: boolean; until: number } {
    // Growing: once reached, forever.
    return this.value >= need ? { holds: true, until: NEVER } : { holds: false, until: this.reaches(need) };
  }
}

/** The `k`-th smallest (0-based) of `xs`, or Infinity when there are not that many. */
function kthSmallest(xs: readonly number[], k: number): number {
  if (k >= xs.length) return NEVER;
  if (k === 0) return Math.min(...xs);
  if (k === xs.length - 1) return Math.max(...xs);
  return [...xs].sort((a, b) => a - b)[k]!;
}

/**
 * `count(events where F)`: `leave` holds, for each matching event, the first instant it may stop
 * matching; `enter`, for each other event (existing or future), the first instant it may start.
 * The count cannot drop below `value − (events left)` nor rise above `value + (events entered)`.
 */
export class Count implements Threshold {
  constructor(
    readonly value: number,
    private readonly leave: readonly number[],
    private readonly enter: readonly number[],
    readonly validUntil: number,
  ) {}

  atLeast(need: number): { holds: boolean; until: number } {
    if (this.value >= need) {
      // It stays so until value − need + 1 matching events have left.
      return { holds: true, until: need <= 0 ? NEVER : kthSmallest(this.leave, this.value - need) };
    }
    return { holds: false, until: kthSmallest(this.enter, need - this.value - 1) };
  }
}

/**
 * `t op c` for a threshold value `t` and a finite number `c` (fixed until the caller's
 * horizon): its value now and the first instant at which it may change.
 */
export function compareThreshold(t: Threshold, op: CompareOp, c: number): { holds: boolean; until: number } {
  switch (op) {
    case ">=":
      return t.atLeast(Math.ceil(c));
    case ">":
      return t.atLeast(Math.floor(c) + 1);
    case "<": {
      const r = t.atLeast(Math.ceil(c));
      return { holds: !r.holds, until: r.until };
    }
    case "<=": {
      const r = t.atLeast(Math.floor(c) + 1);
      return { holds: !r.holds, until: r.until };
    }
    case "=":
    case "!=": {
      // An integer value never equals a fractional bound; otherwise `>= c and not >= c + 1`.
      let holds = false;
      let until = NEVER;
      if (Number.isInteger(c)) {
        const low = t.atLeast(c);
        const high = t.atLeast(c + 1);
        holds = low.holds && !high.holds;
        // True: until either changes. False: until every false part may change.
        until = holds
          ? Math.min(low.until, high.until)
          : Math.max(
              low.holds ? Number.NEGATIVE_INFINITY : low.until,
              high.holds ? high.until : Number.NEGATIVE_INFINITY,
            );
      }
      return op === "=" ? { holds, until } : { holds: !holds, until };
    }
  }
}

/** The operator with its operands swapped (`c < t` is `t > c`). */
export function mirrored(op: CompareOp): CompareOp {
  switch (op) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return op;
  }
}
