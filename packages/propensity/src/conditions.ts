/**
 * The model's goal and eligible population, compiled with the segment language.
 *
 * The goal is an event filter (`type = "purchase"`); it becomes the segment
 * `exists(events where (GOAL) and timestamp within last W days)`, which, evaluated at
 * `cutoff + W`, says whether the goal occurred in the window `(cutoff, cutoff + W]` (the
 * language's `within last` is `now - W < t <= now`). The goal must parse on its own first: a
 * goal such as `type = "a") or (true` would otherwise close our parenthesis and escape the
 * window (its labels would then see every event, future ones included), and its syntax errors
 * are then positioned in the user's text, not in ours.
 *
 * The eligible population is a segment expression evaluated at the cutoff on the events up to
 * the cutoff only, so that it never sees the future it is asked to predict. Attributes have no
 * history: they are read as they are now.
 */
import {
  type CheckResult,
  checkSegments,
  compileSegments,
  type LanguageError,
  type Profile,
  type ProfileEvent,
  parseDefinition,
  selectSegments,
} from "@segflow/segment-language";
import type { ModelSpec } from "./model-spec.js";

const DAY_MS = 86_400_000;
const GOAL_PREFIX = "exists(events where (";

export interface ModelConditionError {
  /** `goal` or `eligible`: which field of the model the error is in. */
  field: "goal" | "eligible";
  line: number;
  column: number;
  reason: string;
  message: string;
}

export interface ModelConditions {
  /** Did the goal occur in `(cutoffMs, cutoffMs + window]`? `profile` may hold any events. */
  goalInWindow(profile: Profile, cutoffMs: number): boolean;
  /**
   * Does this event match the goal filter? Read as the goal's window ending at the event, so that
   * `goalInWindow` is true exactly when a matching event lies in the window (for goals that do not
   * compare timestamps with `now`, which an event filter has no reason to).
   */
  matchesGoal(profile: Profile, event: ProfileEvent, atMs: number): boolean;
  /** Is the profile eligible at the cutoff? `profile` must hold only events up to the cutoff. */
  eligibleAt(profile: Profile, cutoffMs: number): boolean;
  /** Is there an eligible expression at all? (None: every profile is eligible at every cutoff.) */
  readonly everyoneEligible: boolean;
}

/**
 * The goal sits on lines of its own, so that each of its lines keeps its columns (only the line
 * numbers shift by one) and a `#` comment at its end cannot swallow the closing parenthesis.
 */
function goalDefinition(spec: Pick<ModelSpec, "goal" | "windowDays">): string {
  return `${GOAL_PREFIX}\n${spec.goal}\n) and timestamp within last ${spec.windowDays} days)`;
}

/** Every language error in the goal and the eligible expression, positioned in the user's text. */
export function checkModelConditions(
  spec: Pick<ModelSpec, "goal" | "windowDays" | "eligible">,
): ModelConditionError[] {
  return checkConditions(spec).errors;
}

/**
 * The goal (wrapped in its window) and the eligible expression checked once, as one set: the
 * errors, and the check result that {@link compileModelConditions} compiles.
 */
function checkConditions(spec: Pick<ModelSpec, "goal" | "windowDays" | "eligible">): {
  errors: ModelConditionError[];
  checked: CheckResult;
} {
  // Syntax first, on the goal alone: when it does not parse, the wrapped form's errors would only
  // repeat them less clearly ("found ')'" for a parenthesis the user never wrote).
  const syntax = parseDefinition(spec.goal).problems;
  const definitions = syntax.length > 0 ? [] : [{ id: "goal", definition: goalDefinition(spec) }];
  if (spec.eligible !== undefined) definitions.push({ id: "eligible", definition: spec.eligible });
  const checked = checkSegments(definitions);
  const errors = checked.errors.map((e) => toConditionError(e, spec.goal));
  const goalErrors = syntax.map(({ at, reason }) => conditionError("goal", at.line, at.column, reason));
  return { errors: [...goalErrors, ...errors], checked };
}

function toConditionError(e: LanguageError, goal: string): ModelConditionError {
  if (e.segmentId !== "goal") return conditionError("eligible", e.line, e.column, e.reason);
  // Back from the wrapped definition into the user's lines; anything on our own lines (none is
  // expected once the goal parses) is put at the nearest end of the goal.
  const lines = goal.split("\n");
  if (e.line <= 1) return conditionError("goal", 1, 1, e.reason);
  if (e.line - 1 > lines.length)
    return conditionError("goal", lines.length, lines.at(-1)!.length + 1, e.reason);
  return conditionError("goal", e.line - 1, e.column, e.reason);
}

function conditionError(
  field: ModelConditionError["field"],
  line: number,
  column: number,
  reason: string,
): ModelConditionError {
  return { field, line, column, reason, message: `${field}: ${line}:${column}: ${reason}` };
}

export class ModelConditionsError extends Error {
  constructor(readonly errors: ModelConditionError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "ModelConditionsError";
  }
}

export function compileModelConditions(
  spec: Pick<ModelSpec, "goal" | "windowDays" | "eligible">,
): ModelConditions {
  const { errors, checked } = checkConditions(spec);
  if (errors.length > 0) throw new ModelConditionsError(errors);
  // Two evaluators from the one check: the goal and the eligible population are asked at
  // different instants (the window's end, the cutoff).
  const goal = compileSegments(selectSegments(checked, ["goal"]));
  const eligible =
    spec.eligible === undefined ? undefined : compileSegments(selectSegments(checked, ["eligible"]));
  const windowMs = spec.windowDays * DAY_MS;
  return {
    goalInWindow: (profile, cutoffMs) => goal.evaluate(profile, cutoffMs + windowMs)[0]!,
    matchesGoal: (profile, event, atMs) => goal.evaluate({ ...profile, events: [event] }, atMs)[0]!,
    everyoneEligible: eligible === undefined,
    eligibleAt: (profile, cutoffMs) => eligible === undefined || eligible.evaluate(profile, cutoffMs)[0]!,
  };
}
