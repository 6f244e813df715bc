/** Reads a dotted attribute path (`loyalty.tier`) from a profile's attributes; undefined when absent. */
export function readAttribute(attributes: unknown, path: string): unknown {
  let cur = attributes;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, key))
      return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
