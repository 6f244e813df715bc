import { randomBytes } from "node:crypto";

/**
 * An id for a segment created without one: the name as a slug plus a short random suffix
 * (`"Lapsed VIPs"` → `lapsed-vips-k3x9q2`), within `SEGMENT_ID`.
 */
export function generateSegmentId(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: "Café" → "Cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  const suffix = randomBytes(5).toString("hex").slice(0, 6);
  return `${slug || "segment"}-${suffix}`;
}
