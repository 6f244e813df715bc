/**
 * A condition's value now and its horizon, and how they combine. Comparisons are taken apart
 * into single pairs (`x op y`, one element of an array against one value), each of which
 * changes at one known instant when a moving value is involved; the form's value is an `or` of
 * pairs (some element holds) or of `and`s of pairs (`between`, `within last`).
 */
import type { CompareOp } from "../ast.js";
import { isEqual, isNotEqual, ordered } from "../compiler/predicates.js";
import { Moving, timeDifference, truthChange } from "./linear.js";

const NEVER = Number.POSITIVE_INFINITY;

/** A condition's value now, and the first instant after now at which it may change. */
export interface Outlook {
  holds: boolean;
  until: number;
}

/**
 * Folds operands into an `and` (`isAnd`) or an `or`. An `and` that is false stays false while any
 * false operand does, so until the last of theirs may change; a true one until the first
 * operand may change. An `or` the other way round.
 */
export class Junction {
  private decided = false;
  private decidedUntil = Number.NEGATIVE_INFINITY;
  private openUntil = NEVER;

  constructor(private readonly isAnd: boolean) {}

  add(holds: boolean, until: number): void {
    if (holds !== this.isAnd) {
      this.decided = true;
      if (until > this.decidedUntil) this.decidedUntil = until;
    } else if (until < this.openUntil) {
      this.openUntil = until;
    }
  }

  get holds(): boolean {
    return this.decided !== this.isAnd;
  }

  get until(): number {
    return this.decided ? this.decidedUntil : this.openUntil;
  }
}

/** The value the evaluator sees now for a single value (a moving one at `nowMs`). */
export function atNow(v: unknown, nowMs: number): unknown {
  return v instanceof Moving ? v.at(nowMs) : v;
}

/** `x op y` for two single values (not arrays), as the evaluator's predicates decide it. */
export function holdsNow(op: CompareOp, x: unknown, y: unknown): boolean {
  if (op === "=") return isEqual(x, y);
  if (op === "!=") return isNotEqual(x, y);
  return ordered(op, x, y);
}

/** `x op y` for two single present values, moving or not: now, and when that may change. */
export function pairOutlook(op: CompareOp, x: unknown, y: unknown, nowMs: number): Outlook {
  const holds = holdsNow(op, atNow(x, nowMs), atNow(y, nowMs));
  const d = timeDifference(x, y);
  return { holds, until: d === undefined ? NEVER : truthChange(op, d.slope, d.offset, nowMs) };
}
