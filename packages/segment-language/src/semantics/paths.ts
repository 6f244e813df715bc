/**
 * Reading a path's keys out of a value, as MongoDB's dot notation does: through an array of
 * objects the values are collected (elements without the key skipped, nested arrays flattened
 * one level) and an empty collection is missing. Absent and null are both missing (undefined).
 */
import { isObject } from "../values.js";

export function readKeys(value: unknown, keys: readonly string[]): unknown {
  let cur = value;
  for (let i = 0; i < keys.length; i++) {
    if (cur === undefined || cur === null) return undefined;
    const key = keys[i]!;
    if (Array.isArray(cur)) {
      const out: unknown[] = [];
      for (const el of cur) {
        if (!isObject(el) || !Object.hasOwn(el, key)) continue;
        const v = el[key];
        if (v === null || v === undefined) continue;
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      }
      cur = out.length === 0 ? undefined : out;
    } else if (isObject(cur)) {
      cur = Object.hasOwn(cur, key) ? cur[key] : undefined;
    } else {
      return undefined;
    }
  }
  // An invalid stored date is no value at all.
  if (cur === null || (cur instanceof Date && Number.isNaN(cur.getTime()))) return undefined;
  return cur;
}
