/** A profile's membership changes, grouped for its page's timeline. */
import type { MembershipChange } from "../../api/profiles.js";

/** The changes by segment, segments by id, each segment's changes in the API's order (newest first). */
export function bySegment(changes: readonly MembershipChange[]): [string, MembershipChange[]][] {
  const groups = new Map<string, MembershipChange[]>();
  for (const c of changes) {
    const group = groups.get(c.segmentId);
    if (group) group.push(c);
    else groups.set(c.segmentId, [c]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}
