import { slugId } from "../http/slug-id.js";

/**
 * An id for a segment created without one: the name as a slug plus a short random suffix
 * (`"Lapsed VIPs"` → `lapsed-vips-k3x9q2`), within `SEGMENT_ID`.
 */
export function generateSegmentId(name: string): string {
  return slugId(name, "-", "segment");
}
