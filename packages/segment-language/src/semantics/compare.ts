/**
 * Equality and order between two present values (docs/segment-language.md, "No coercion",
 * "Instants and durations"). `undefined` from these means "missing there": a string that should have been an
 * instant and does not parse. Arrays on the left are handled by the callers (any/none element).
 */
import { parseInstant } from "../instant.js";
import { Duration, Instant, instantMs } from "../values.js";

/** Code-point order of two strings (JS `<` orders UTF-16 units, which differs above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (part of a code point >= U+10000) outranks any unit from U+E000 up.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs && !ys && y >= 0xe000) return 1;
    if (ys && !xs && x >= 0xe000) return -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Epoch ms for the instant side of a mixed comparison; strings are parsed. */
function asInstant(v: unknown): number | undefined {
  return typeof v === "string" ? parseInstant(v) : instantMs(v);
}

function isInstantValue(v: unknown): boolean {
  return v instanceof Instant || v instanceof Date;
}

/**
 * `a = b` for present `a` (not an array) and `b`: true, false, or undefined when a string
 * compared with an instant does not parse. Objects, arrays and lists equal nothing.
 */
export function equals(a: unknown, b: unknown): boolean | undefined {
  const ta = typeof a;
  if (ta === "string" || ta === "number" || ta === "boolean") {
    if (ta === typeof b) return a === b;
    if (ta === "string" && isInstantValue(b)) {
      const ms = parseInstant(a as string);
      return ms === undefined ? undefined : ms === instantMs(b);
    }
    return false;
  }
  if (isInstantValue(a)) {
    const ms = instantMs(a);
    if (typeof b === "string") {
      const other = parseInstant(b);
      return other === undefined || ms === undefined ? undefined : ms === other;
    }
    return isInstantValue(b) && ms === instantMs(b);
  }
  if (a instanceof Duration) return b instanceof Duration && a.ms === b.ms;
  return false;
}

/**
 * Order of present `a` (not an array) and `b`: negative, zero, positive, or undefined when they
 * are not ordered (different types, booleans, objects, arrays, an unparseable instant string).
 */
export function order(a: unknown, b: unknown): number | undefined {
  const ta = typeof a;
  if (ta === "number") return typeof b === "number" ? (a as number) - b : undefined;
  if (ta === "string") {
    if (typeof b === "string") return compareStrings(a as string, b);
    if (!isInstantValue(b)) return undefined;
  } else if (a instanceof Duration) {
    return b instanceof Duration ? a.ms - b.ms : undefined;
  } else if (!isInstantValue(a)) {
    return undefined;
  } else if (typeof b !== "string" && !isInstantValue(b)) {
    return undefined;
  }
  const x = asInstant(a);
  const y = asInstant(b);
  return x === undefined || y === undefined ? undefined : x - y;
}
