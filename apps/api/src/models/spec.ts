/**
 * A model's fields → the spec the trainer reads (propensity's `ModelSpec`, defaults applied),
 * checked whole: the fields, then the goal and eligible expressions with the segment language.
 */
import { checkModelConditions, ModelSpec } from "@segflow/propensity/spec";
import type { z } from "zod";
import { AppError } from "../http/errors.js";
import type { UpdateModelBody } from "./schemas.js";

/**
 * The spec for `fields`, or a 400: a zod error naming the field (the request schemas already
 * check what `ModelSpec` checks: it has the last word), or `invalid_definition` with every
 * language error of the goal and the eligible expression, positioned in the user's text
 * (`details.errors[]`: `field` goal or eligible, `line`, `column`, `reason`, `message`).
 */
export function checkedSpec(fields: Record<string, unknown>): ModelSpec {
  const spec = ModelSpec.parse(withoutUndefined(fields));
  const errors = checkModelConditions(spec);
  if (errors.length > 0) {
    throw new AppError("invalid_definition", errors.map((e) => e.message).join("; "), { errors });
  }
  // MongoDB would store an undefined field as null, which ModelSpec would then refuse.
  return withoutUndefined(spec) as ModelSpec;
}

/** The stored spec with `patch` applied: each field given replaces the stored one, `null` removes it. */
export function patchedFields(
  stored: Record<string, unknown>,
  patch: z.output<typeof UpdateModelBody>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete fields[key];
    else if (value !== undefined) fields[key] = value;
  }
  return fields;
}

function withoutUndefined(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
