/**
 * Profiles' membership writes for the streaming evaluation (ARCHITECTURE.md, "Streaming
 * evaluation"). Two evaluations of one profile can overlap (a batch shard and a streaming job,
 * or a worker presumed dead and the one that took its job over), so each profile's write is
 * conditional on the entries its evaluation read: if any changed since, that profile is not
 * written and the caller evaluates it again. MongoDB would offer a transaction here; a
 * conditional single-document update is as safe for one profile and is what the local FerretDB
 * supports. The writes of many profiles go in one unordered bulk write.
 */
import type { AnyBulkWriteOperation, Filter } from "mongodb";
import type { MembershipEntry, ProfileDoc } from "./documents.js";
import { inIdOrder } from "./id-order.js";
import { ONE_BATCH } from "./one-batch.js";
import type { Store } from "./store.js";

/** The entries changed under an evaluation: it read a state that is no longer stored. */
export class MembershipConflictError extends Error {
  override name = "MembershipConflictError";
}

export interface ProfileMembershipWrite {
  profileId: string;
  /** The entries to store, by segment id. */
  entries: Readonly<Record<string, MembershipEntry>>;
  /** What the evaluation read for those segments (undefined: no entry). */
  previous: Readonly<Record<string, MembershipEntry | undefined>>;
}

function operation(write: ProfileMembershipWrite): AnyBulkWriteOperation<ProfileDoc> {
  const filter: Record<string, unknown> = { _id: write.profileId };
  const $set: Record<string, MembershipEntry> = {};
  for (const [segment, entry] of Object.entries(write.entries)) {
    const path = `segmentMembership.${segment}`;
    const before = write.previous[segment];
    filter[`${path}.runId`] = before ? before.runId : { $exists: false };
    $set[path] = entry;
  }
  return { updateOne: { filter: filter as Filter<ProfileDoc>, update: { $set } } };
}

/**
 * Writes each profile's entries if the entries it read are still stored. Returns the profiles
 * that were not written because their entries changed in between.
 */
export async function writeProfileMemberships(
  store: Store,
  writes: readonly ProfileMembershipWrite[],
): Promise<Set<string>> {
  // In id order: see id-order.ts.
  const due = inIdOrder(
    writes.filter((w) => Object.keys(w.entries).length > 0),
    (w) => w.profileId,
  );
  if (due.length === 0) return new Set();
  const result = await store.profiles.bulkWrite(due.map(operation), { ordered: false });
  if (result.matchedCount === due.length) return new Set();
  // Some filter matched nothing; the counts do not say which: a profile whose stored entries are
  // not the ones this call wrote was not written.
  const stored = await store.profiles
    .find(
      { _id: { $in: due.map((w) => w.profileId) } },
      { ...ONE_BATCH, projection: { segmentMembership: 1 } },
    )
    .toArray();
  const byId = new Map(stored.map((d) => [d._id, d.segmentMembership ?? {}]));
  const conflicted = new Set<string>();
  for (const w of due) {
    const now = byId.get(w.profileId) ?? {};
    const written = Object.entries(w.entries).every(
      ([segment, entry]) => now[segment]?.runId === entry.runId && now[segment]?.status === entry.status,
    );
    if (!written) conflicted.add(w.profileId);
  }
  return conflicted;
}
