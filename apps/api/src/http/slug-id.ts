import { randomBytes } from "node:crypto";

/**
 * An id made from a name: its slug (ASCII letters and digits, lower case, runs of anything else
 * as one `separator`, at most 48 characters) plus a short random suffix, so that two things of
 * the same name get different ids. Always within `SEGMENT_ID`.
 */
export function slugId(name: string, separator: "-" | "_", fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: "Café" → "Cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .split(separator)
    .filter(Boolean)
    .join(separator)
    .slice(0, 48);
  const trimmed = slug.endsWith(separator) ? slug.slice(0, -1) : slug;
  const suffix = randomBytes(5).toString("hex").slice(0, 6);
  return `${trimmed || fallback}${separator}${suffix}`;
}
