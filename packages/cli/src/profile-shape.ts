import type { Profile } from "@segflow/segment-language";
import { describeValue, isPlainObject } from "./describe-value.js";

/**
 * Checks that a parsed JSON value has the shape of a profile in docs/segment-language.md:
 * `{ id: string, attributes?: object, events?: [object], scores?: object }` (null stands for
 * absent). Only the outline is checked: values inside attributes and events may be anything,
 * and the language decides what a malformed event means (a bad timestamp hides it).
 *
 * @returns the profile, or the reason it is not one.
 */
export function toProfile(value: unknown): Profile | string {
  if (!isPlainObject(value)) return `expected a profile object, found ${describeValue(value)}`;
  const { id, attributes, events, scores } = value;
  if (typeof id !== "string" || id === "") {
    return id === undefined ? `missing "id"` : `"id" must be a non-empty string, found ${describeValue(id)}`;
  }
  for (const [name, field] of [
    ["attributes", attributes],
    ["scores", scores],
  ] as const) {
    if (field != null && !isPlainObject(field)) {
      return `"${name}" must be an object, found ${describeValue(field)}`;
    }
  }
  if (events != null) {
    if (!Array.isArray(events)) return `"events" must be an array, found ${describeValue(events)}`;
    const bad = events.findIndex((event) => !isPlainObject(event));
    if (bad >= 0) return `"events"[${bad}] must be an object, found ${describeValue(events[bad])}`;
  }
  return value as unknown as Profile;
}
