/**
 * Run-time values beyond JSON. Instants and durations are small classes so that a value's
 * type is one `instanceof` away; `Date` objects from storage are instants too.
 * Missing (absent or null) is `undefined` everywhere in the evaluator.
 */
import { parseInstant } from "./instant.js";

export class Instant {
  constructor(readonly ms: number) {}
}

export class Duration {
  constructor(readonly ms: number) {}
}

/** Epoch ms of an instant value (an `Instant` or a stored `Date`), else undefined. */
export function instantMs(v: unknown): number | undefined {
  if (v instanceof Instant) return v.ms;
  if (v instanceof Date) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Like {@link instantMs}, but a string is parsed as an instant (where the spec says so). */
export function instantMsOrParse(v: unknown): number | undefined {
  return typeof v === "string" ? parseInstant(v) : instantMs(v);
}

/** True for plain objects (not arrays, instants, durations or dates). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof Instant) &&
    !(v instanceof Duration)
  );
}
