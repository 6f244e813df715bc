/**
 * A live lookup: which stored segments one profile is in at an instant, evaluated on the spot
 * from the profile and all its events as stored. Nothing is written: the memberships the runs
 * keep are left as they are.
 */
import { getProfile, profileEvents, type Store, toProfile } from "@segflow/store";
import type { LiveSegments } from "./live-segments.js";

export interface LiveMembership {
  /** Ids of the segments the profile is in, in id order. */
  segments: string[];
  /** Segments stored but not evaluated (their definition does not check; see LiveSegmentSet). */
  unevaluable: readonly string[];
}

/**
 * Evaluates every stored segment (`live`, compiled once per change of the set) for `profileId`
 * at `nowMs`; null when the profile is not stored. The profile, its events and the set are read
 * at once: one round trip's wait, not three.
 */
export async function liveMembership(
  store: Store,
  live: LiveSegments,
  profileId: string,
  nowMs: number,
): Promise<LiveMembership | null> {
  const [doc, events, set] = await Promise.all([
    getProfile(store, profileId),
    profileEvents(store, profileId),
    live.current(),
  ]);
  if (!doc) return null;
  const results = set.compiled.evaluate(toProfile(doc, events), nowMs);
  return { segments: set.compiled.ids.filter((_, i) => results[i]), unevaluable: set.unevaluable };
}
