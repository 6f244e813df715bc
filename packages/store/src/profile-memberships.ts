/**
 * One profile's membership write for the streaming evaluation (ARCHITECTURE.md, "Streaming
 * evaluation"). Two evaluations of one profile can overlap (a batch shard and a streaming job,
 * or a wake-up and an event's evaluation on two workers), so the write is conditional on the
 * entries the evaluation read: if any changed since, nothing is written and the caller
 * evaluates again. MongoDB would offer a transaction here; a single-document conditional update
 * is as safe for one profile and is what the local FerretDB supports.
 */
import type { Filter } from "mongodb";
import type { MembershipEntry, ProfileDoc } from "./documents.js";
import type { Store } from "./store.js";

/** The entries changed under an evaluation: it read a state that is no longer stored. */
export class MembershipConflictError extends Error {
  override name = "MembershipConflictError";
}

/**
 * Writes `entries` onto the profile if each of those segments' entries still carries the run id
 * it had when read (`previous`; undefined: there was none). Throws {@link MembershipConflictError}
 * when one changed in between.
 */
export async function writeProfileMemberships(
  store: Store,
  profileId: string,
  entries: Readonly<Record<string, MembershipEntry>>,
  previous: Readonly<Record<string, MembershipEntry | undefined>>,
): Promise<void> {
  const segments = Object.keys(entries);
  if (segments.length === 0) return;
  const filter: Filter<ProfileDoc> = { _id: profileId };
  const $set: Record<string, MembershipEntry> = {};
  for (const segment of segments) {
    const path = `segmentMembership.${segment}`;
    const before = previous[segment];
    (filter as Record<string, unknown>)[`${path}.runId`] = before ? before.runId : { $exists: false };
    $set[path] = entries[segment]!;
  }
  const result = await store.profiles.updateOne(filter, { $set });
  if (result.matchedCount === 0) {
    throw new MembershipConflictError(
      `memberships of profile ${JSON.stringify(profileId)} changed during its evaluation (${segments.join(", ")})`,
    );
  }
}
