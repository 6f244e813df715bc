/**
 * Profiles: upserts from the API, reads for the API and for explanations.
 */
import type { Profile } from "@segflow/segment-language";
import type { AnyBulkWriteOperation } from "mongodb";
import { bucketOf } from "./bucket.js";
import type { ProfileDoc } from "./documents.js";
import { idOrder } from "./id-order.js";
import { profileEvents } from "./profile-events.js";
import type { Store } from "./store.js";
import { type RejectedWrite, refuseOversized, writeErrorsOf } from "./write-refusals.js";

export interface ProfileInput {
  id: string;
  attributes?: Record<string, unknown>;
  scores?: Record<string, unknown>;
}

export interface UpsertOutcome {
  /** Profiles created by this call. */
  inserted: number;
  /** Existing profiles whose attributes (and scores) were replaced. */
  updated: number;
  /** Profiles the database refused; every other one was written. */
  rejected: RejectedWrite[];
}

/**
 * Upserts profiles by id: attributes (and scores, when given) replace the stored ones; the
 * bucket is set on first write only. One unordered bulk write: a profile the database refuses
 * does not stop the others, and is named in `rejected`. A profile too large to store at all
 * throws {@link DocumentsRefusedError} before anything is written.
 */
export async function upsertProfiles(
  store: Store,
  profiles: readonly ProfileInput[],
  now = new Date(),
): Promise<UpsertOutcome> {
  if (profiles.length === 0) return { inserted: 0, updated: 0, rejected: [] };
  const statements = profiles.map((p) => ({
    filter: { _id: p.id },
    update: {
      $set: {
        attributes: p.attributes ?? {},
        ...(p.scores ? { scores: p.scores } : {}),
        updatedAt: now,
      },
      $setOnInsert: { bucket: bucketOf(p.id), createdAt: now },
    },
    upsert: true,
  }));
  const idOf = (i: number) => profiles[i]!.id;
  refuseOversized(
    statements.map((s) => ({ q: s.filter, u: s.update, upsert: true })),
    idOf,
  );
  // Sent in id order (id-order.ts); refusals are reported at the profiles' places in the request.
  const order = idOrder(profiles, (p) => p.id);
  const ops: AnyBulkWriteOperation<ProfileDoc>[] = order.map((i) => ({ updateOne: statements[i]! }));
  try {
    const result = await store.profiles.bulkWrite(ops, { ordered: false });
    return { inserted: result.upsertedCount, updated: result.matchedCount, rejected: [] };
  } catch (error) {
    const partial = writeErrorsOf(error, (op) => idOf(order[op]!));
    if (!partial) throw error;
    return {
      inserted: partial.result.upsertedCount,
      updated: partial.result.matchedCount,
      rejected: partial.rejected
        .map((r) => ({ ...r, index: order[r.index]! }))
        .sort((a, b) => a.index - b.index),
    };
  }
}

/**
 * Inserts profiles that do not exist yet (a bulk load into an empty store, as `segflow seed`
 * does): one insertMany, no per-profile upsert. A duplicate id fails the call.
 */
export async function insertNewProfiles(store: Store, profiles: readonly ProfileInput[], now = new Date()) {
  if (profiles.length === 0) return 0;
  const docs: ProfileDoc[] = profiles.map((p) => ({
    _id: p.id,
    bucket: bucketOf(p.id),
    attributes: p.attributes ?? {},
    ...(p.scores ? { scores: p.scores } : {}),
    createdAt: now,
    updatedAt: now,
  }));
  const result = await store.profiles.insertMany(docs, { ordered: false });
  return result.insertedCount;
}

export function getProfile(store: Store, id: string): Promise<ProfileDoc | null> {
  return store.profiles.findOne({ _id: id });
}

/** Whether the profile is stored, without reading it. */
export async function profileExists(store: Store, id: string): Promise<boolean> {
  return (await store.profiles.countDocuments({ _id: id }, { limit: 1 })) > 0;
}

/** The stored profile as the evaluator sees it, with all its events, or null. */
export async function loadProfile(
  store: Store,
  id: string,
): Promise<{ doc: ProfileDoc; profile: Profile } | null> {
  const doc = await getProfile(store, id);
  if (!doc) return null;
  return { doc, profile: toProfile(doc, await profileEvents(store, id)) };
}

export function toProfile(doc: ProfileDoc, events: Profile["events"]): Profile {
  return { id: doc._id, attributes: doc.attributes, scores: doc.scores ?? {}, events: events ?? [] };
}
