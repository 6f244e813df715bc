/**
 * The comparison forms over run-time values (docs/segment-language.md, "Missing values", "No
 * coercion", "Arrays", "Lists, ranges, text", `within last`). Callers have already ruled out a missing left
 * operand; an array on the left holds for a positive form when some element does, and for a
 * negative form when no element holds the positive one.
 */
import { parseInstant } from "../instant.js";
import { equals, order } from "../semantics/compare.js";
import { instantMs } from "../values.js";

/** True when `test` holds for `v`, or for some present element of the array `v`. */
export function anyValue(v: unknown, test: (x: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return test(v);
  for (const el of v) if (el !== null && el !== undefined && test(el)) return true;
  return false;
}

export function isEqual(a: unknown, b: unknown): boolean {
  return equals(a, b) === true;
}

/** `a != b` on a present scalar: both present and unequal (an unparseable instant string is missing). */
export function isNotEqual(a: unknown, b: unknown): boolean {
  return equals(a, b) === false;
}

export function ordered(op: "<" | "<=" | ">" | ">=", a: unknown, b: unknown): boolean {
  const o = order(a, b);
  if (o === undefined) return false;
  switch (op) {
    case "<":
      return o < 0;
    case "<=":
      return o <= 0;
    case ">":
      return o > 0;
    case ">=":
      return o >= 0;
  }
}

export function isBetween(x: unknown, low: unknown, high: unknown): boolean {
  return ordered(">=", x, low) && ordered("<=", x, high);
}

export function containsValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return anyValue(a, (el) => isEqual(el, b));
  return typeof a === "string" && typeof b === "string" && a.includes(b);
}

export function withinLast(x: unknown, durationMs: number, nowMs: number): boolean {
  const t = typeof x === "string" ? parseInstant(x) : instantMs(x);
  return t !== undefined && t > nowMs - durationMs && t <= nowMs;
}
