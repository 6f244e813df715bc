/**
 * Arithmetic and functions (docs/segment-language.md, "Arithmetic and functions"). Any
 * combination the language does not list gives missing (undefined).
 */
import type { ArithOp, FunctionName } from "../ast.js";
import { addCalendarYears, civilFromMs, parseInstant } from "../instant.js";
import { Duration, Instant, instantMs } from "../values.js";

const DAY_MS = 86_400_000;

/** Instant ms of `v` when it is an instant, or a string beside an instant or a duration. */
function instantFor(v: unknown, other: unknown): number | undefined {
  if (typeof v === "string") {
    return other instanceof Duration || other instanceof Instant || other instanceof Date
      ? parseInstant(v)
      : undefined;
  }
  return instantMs(v);
}

export function arithmetic(op: ArithOp, a: unknown, b: unknown): unknown {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? undefined : a / b;
    }
  }
  if (op === "*" || op === "/") return undefined;
  if (a instanceof Duration && b instanceof Duration)
    return new Duration(op === "+" ? a.ms + b.ms : a.ms - b.ms);
  if (a instanceof Duration) {
    if (op !== "+") return undefined;
    const t = instantFor(b, a);
    return t === undefined ? undefined : new Instant(t + a.ms);
  }
  const t = instantFor(a, b);
  if (t === undefined) return undefined;
  if (b instanceof Duration) return new Instant(op === "+" ? t + b.ms : t - b.ms);
  if (op === "-") {
    const u = instantFor(b, a);
    return u === undefined ? undefined : new Duration(t - u);
  }
  return undefined;
}

export function negate(v: unknown): unknown {
  if (typeof v === "number") return -v;
  if (v instanceof Duration) return new Duration(-v.ms);
  return undefined;
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Whole calendar years from `fromMs` to `nowMs` (an age); negative for the future. */
function yearsBetween(fromMs: number, nowMs: number): number {
  const n = civilFromMs(nowMs).year - civilFromMs(fromMs).year;
  return addCalendarYears(fromMs, n) <= nowMs ? n : n - 1;
}

export function callFunction(fn: FunctionName, v: unknown, nowMs: number): unknown {
  switch (fn) {
    case "lower":
      return typeof v === "string" ? v.toLowerCase() : undefined;
    case "upper":
      return typeof v === "string" ? v.toUpperCase() : undefined;
    case "length":
      if (typeof v === "string") return codePointLength(v);
      return Array.isArray(v) ? v.length : undefined;
    case "abs":
      return typeof v === "number" ? Math.abs(v) : undefined;
    case "daysSince": {
      const t = typeof v === "string" ? parseInstant(v) : instantMs(v);
      return t === undefined ? undefined : Math.floor((nowMs - t) / DAY_MS);
    }
    case "yearsSince": {
      const t = typeof v === "string" ? parseInstant(v) : instantMs(v);
      return t === undefined ? undefined : yearsBetween(t, nowMs);
    }
  }
}
