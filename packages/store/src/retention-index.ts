/**
 * The TTL index that expires events older than the retention: made to match the configured
 * number of days. MongoDB refuses `createIndex` with other options on an existing index
 * (IndexOptionsConflict), so a changed retention is applied in place with `collMod`, which
 * keeps the index and does not rebuild it.
 */
import { type Collection, type Document, MongoServerError } from "mongodb";
import type { EventDoc } from "./documents.js";
import type { Store } from "./store.js";

export const RETENTION_INDEX = "retention_ttl";

const DAY_SECONDS = 86_400;
const NAMESPACE_NOT_FOUND = 26;
const INDEX_OPTIONS_CONFLICT = 85;

/** What `ensureRetentionIndex` did; `fromDays` is null when the index expired nothing before. */
export type RetentionIndexChange =
  | { action: "created"; days: number }
  | { action: "changed"; fromDays: number | null; days: number }
  | { action: "unchanged"; days: number };

export async function ensureRetentionIndex(
  events: Collection<EventDoc>,
  days: number,
): Promise<RetentionIndexChange> {
  const seconds = Math.round(days * DAY_SECONDS);
  let current = await retentionIndexOf(events);
  if (!current) {
    try {
      await events.createIndex({ timestamp: 1 }, { name: RETENTION_INDEX, expireAfterSeconds: seconds });
      return { action: "created", days };
    } catch (error) {
      // Another API replica created it meanwhile, with other options: change it like any other.
      if (!(error instanceof MongoServerError && error.code === INDEX_OPTIONS_CONFLICT)) throw error;
      current = await retentionIndexOf(events);
    }
  }
  const currentSeconds = ttlSecondsOf(current);
  if (currentSeconds === seconds) return { action: "unchanged", days };
  await events.db.command({
    collMod: events.collectionName,
    index: { name: RETENTION_INDEX, expireAfterSeconds: seconds },
  });
  return { action: "changed", fromDays: currentSeconds === null ? null : currentSeconds / DAY_SECONDS, days };
}

/** The retention the TTL index applies now, in days; null when there is none. */
export async function currentRetentionDays(store: Pick<Store, "events">): Promise<number | null> {
  const seconds = ttlSecondsOf(await retentionIndexOf(store.events));
  return seconds === null ? null : seconds / DAY_SECONDS;
}

/** One line for the start-up log. */
export function describeRetention(change: RetentionIndexChange): string {
  switch (change.action) {
    case "created":
      return `event retention: TTL index created, ${change.days} days`;
    case "changed":
      return `event retention: TTL index changed from ${change.fromDays ?? "none"} to ${change.days} days`;
    case "unchanged":
      return `event retention: TTL index already ${change.days} days`;
  }
}

function ttlSecondsOf(index: Document | undefined): number | null {
  return typeof index?.expireAfterSeconds === "number" ? index.expireAfterSeconds : null;
}

async function retentionIndexOf(events: Collection<EventDoc>): Promise<Document | undefined> {
  try {
    const indexes = await events.listIndexes().toArray();
    return indexes.find((index) => index.name === RETENTION_INDEX);
  } catch (error) {
    // No events collection yet: no index either.
    if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return undefined;
    throw error;
  }
}
