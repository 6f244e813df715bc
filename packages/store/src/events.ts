/**
 * Events: appended in bulk, each carrying its profile's bucket so that shard reads find them
 * by bucket range. Creates profiles that do not exist yet (empty attributes), so an event
 * stream may start before the profile feed.
 */
import type { AnyBulkWriteOperation } from "mongodb";
import { bucketOf } from "./bucket.js";
import type { EventDoc, ProfileDoc } from "./documents.js";
import type { Store } from "./store.js";
import { type RejectedWrite, refuseOversized, writeErrorsOf } from "./write-refusals.js";

export interface EventInput {
  profileId: string;
  type: string;
  timestamp: Date;
  properties?: Record<string, unknown>;
}

export interface InsertEventsOptions {
  /** Create the profiles that do not exist yet (default); a bulk load that inserted them passes false. */
  ensureProfiles?: boolean;
  now?: Date;
}

export interface InsertEventsOutcome {
  inserted: number;
  /** Events the database refused (`id` is their profileId); every other one was inserted. */
  rejected: RejectedWrite[];
}

/**
 * One unordered insert: an event the database refuses does not stop the others, and is named in
 * `rejected`. An event too large to store at all throws {@link DocumentsRefusedError} before
 * anything is written.
 */
export async function insertEvents(
  store: Store,
  events: readonly EventInput[],
  options: InsertEventsOptions = {},
): Promise<InsertEventsOutcome> {
  if (events.length === 0) return { inserted: 0, rejected: [] };
  const now = options.now ?? new Date();
  const docs: EventDoc[] = events.map((e) => ({
    profileId: e.profileId,
    bucket: bucketOf(e.profileId),
    type: e.type,
    timestamp: e.timestamp,
    properties: e.properties ?? {},
    receivedAt: now,
  }));
  refuseOversized(docs, (i) => events[i]!.profileId);
  const missingProfiles =
    options.ensureProfiles !== false ? await ensureProfiles(store, events, now) : new Map();
  // An event whose profile could not be created would belong to no profile: it is refused too.
  const rejected: RejectedWrite[] = [];
  const kept: number[] = [];
  events.forEach((e, index) => {
    const refusal = missingProfiles.get(e.profileId);
    if (refusal) rejected.push({ ...refusal, index, message: `its profile: ${refusal.message}` });
    else kept.push(index);
  });
  if (kept.length === 0) return { inserted: 0, rejected };
  try {
    const result = await store.events.insertMany(
      kept.map((i) => docs[i]!),
      { ordered: false },
    );
    return { inserted: result.insertedCount, rejected };
  } catch (error) {
    const partial = writeErrorsOf(error, (j) => events[kept[j]!]!.profileId);
    if (!partial) throw error;
    const refused = partial.rejected.map((r) => ({ ...r, index: kept[r.index]! }));
    return {
      inserted: partial.result.insertedCount,
      rejected: [...rejected, ...refused].sort((a, b) => a.index - b.index),
    };
  }
}

/** Creates the profiles that do not exist yet; returns the ones the database refused, by id. */
async function ensureProfiles(
  store: Store,
  events: readonly EventInput[],
  now: Date,
): Promise<Map<string, RejectedWrite>> {
  // In id order: see id-order.ts.
  const ids = [...new Set(events.map((e) => e.profileId))].sort();
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = ids.map((id) => ({
    updateOne: {
      filter: { _id: id },
      update: { $setOnInsert: { bucket: bucketOf(id), attributes: {}, createdAt: now, updatedAt: now } },
      upsert: true,
    },
  }));
  try {
    await store.profiles.bulkWrite(ops, { ordered: false });
    return new Map();
  } catch (error) {
    const partial = writeErrorsOf(error, (i) => ids[i]!);
    if (!partial) throw error;
    return new Map(partial.rejected.map((r) => [r.id, r]));
  }
}
