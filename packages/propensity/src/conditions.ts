/**
 * The model's goal and eligible population, compiled with the segment language.
 *
 * The goal is an event filter (`type = "purchase"`); it becomes the segment
 * `exists(events where (GOAL) and timestamp within last W days)`, which, evaluated at
 * `cutoff + W`, says whether the goal occurred in the window `(cutoff, cutoff + W]` (the
 * language's `within last` is `now - W < t <= now`). The eligible population is a segment
 * expression evaluated at the cutoff on the events up to the cutoff only, so that it never sees
 * the future it is asked to predict. Attributes have no history: they are read as they are now.
 */
import { checkSegments, compileSegments, type LanguageError, type Profile } from "@segflow/segment-language";
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
  /** Is the profile eligible at the cutoff? `profile` must hold only events up to the cutoff. */
  eligibleAt(profile: Profile, cutoffMs: number): boolean;
}

function goalDefinition(spec: Pick<ModelSpec, "goal" | "windowDays">): string {
  return `${GOAL_PREFIX}${spec.goal}) and timestamp within last ${spec.windowDays} days)`;
}

/** Every language error in the goal and the eligible expression, positioned in the user's text. */
export function checkModelConditions(
  spec: Pick<ModelSpec, "goal" | "windowDays" | "eligible">,
): ModelConditionError[] {
  const definitions = [{ id: "goal", definition: goalDefinition(spec) }];
  if (spec.eligible !== undefined) definitions.push({ id: "eligible", definition: spec.eligible });
  return checkSegments(definitions).errors.map(toConditionError);
}

function toConditionError(e: LanguageError): ModelConditionError {
  const field = e.segmentId === "goal" ? "goal" : "eligible";
  // The goal was wrapped on its first line: move columns back into the user's text.
  const column = field === "goal" && e.line === 1 ? Math.max(1, e.column - GOAL_PREFIX.length) : e.column;
  return {
    field,
    line: e.line,
    column,
    reason: e.reason,
    message: `${field}: ${e.line}:${column}: ${e.reason}`,
  };
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
  const errors = checkModelConditions(spec);
  if (errors.length > 0) throw new ModelConditionsError(errors);
  const goal = compileSegments([{ id: "goal", definition: goalDefinition(spec) }]);
  const eligible =
    spec.eligible === undefined
      ? undefined
      : compileSegments([{ id: "eligible", definition: spec.eligible }]);
  const windowMs = spec.windowDays * DAY_MS;
  return {
    goalInWindow: (profile, cutoffMs) => goal.evaluate(profile, cutoffMs + windowMs)[0]!,
    eligibleAt: (profile, cutoffMs) => eligible === undefined || eligible.evaluate(profile, cutoffMs)[0]!,
  };
}
