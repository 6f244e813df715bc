/**
 * The field names seen in the data, for completion in the console's segment editor: attribute
 * paths, score paths, event types and event property paths, from a bounded sample. A profile's
 * bucket is a hash of its id, so the profiles (and events) read from one random bucket onwards, in
 * index order, are a random sample (as for size estimates, packages/evaluation's estimate.ts); the
 * reads are capped, so the cost does not grow with the store.
 */
import { BUCKETS } from "./bucket.js";
import type { Store } from "./store.js";

export interface FieldSample {
  /** Attribute paths (`loyalty.tier`), objects and leaves alike, sorted. */
  attributes: string[];
  /** Score paths (`scores.churn.score`), sorted. */
  scores: string[];
  events: {
    types: string[];
    /** Event property paths (`product.sku`), sorted. */
    properties: string[];
  };
  /** What was read. */
  sample: { profiles: number; events: number };
}

export interface FieldSampleOptions {
  /** @defaultValue 500 */
  profiles?: number;
  /** @defaultValue 2000 */
  events?: number;
  /** First bucket read; random when absent. */
  from?: number;
}

/** Nesting followed, and paths kept per list: bounds for odd documents. */
const MAX_DEPTH = 8;
const MAX_PATHS = 2000;

/**
 * Adds every path of `value` under `prefix` to `into`. A path through an array reads its
 * elements (the language's rule, docs/segment-language.md "Arrays"), so elements add their keys
 * under the array's own path.
 */
export function collectPaths(value: unknown, prefix: string, into: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH || into.size >= MAX_PATHS) return;
  if (Array.isArray(value)) {
    for (const element of value) collectPaths(element, prefix, into, depth + 1);
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    into.add(path);
    collectPaths(child, path, into, depth + 1);
  }
}

/** The documents from bucket `from` onwards, then from bucket 0, `limit` at most, in index order. */
async function readFrom<T>(
  read: (filter: { bucket: { $gte: number } | { $lt: number } }, limit: number) => Promise<T[]>,
  from: number,
  limit: number,
): Promise<T[]> {
  const first = await read({ bucket: { $gte: from } }, limit);
  if (first.length >= limit || from === 0) return first;
  return first.concat(await read({ bucket: { $lt: from } }, limit - first.length));
}

export async function sampleFields(store: Store, options: FieldSampleOptions = {}): Promise<FieldSample> {
  const from = options.from ?? Math.floor(Math.random() * BUCKETS);
  const [profiles, events] = await Promise.all([
    readFrom(
      (filter, limit) =>
        store.profiles
          .find(filter, { projection: { _id: 1, attributes: 1, scores: 1 } })
          .sort({ bucket: 1, _id: 1 })
          .limit(limit)
          .toArray(),
      from,
      options.profiles ?? 500,
    ),
    readFrom(
      (filter, limit) =>
        store.events
          .find(filter, { projection: { _id: 0, type: 1, properties: 1 } })
          .sort({ bucket: 1, profileId: 1, timestamp: 1 })
          .limit(limit)
          .toArray(),
      from,
      options.events ?? 2000,
    ),
  ]);
  const attributes = new Set<string>();
  const scores = new Set<string>();
  for (const profile of profiles) {
    collectPaths(profile.attributes, "", attributes);
    collectPaths(profile.scores, "scores", scores);
  }
  const types = new Set<string>();
  const properties = new Set<string>();
  for (const event of events) {
    if (typeof event.type === "string") types.add(event.type);
    collectPaths(event.properties, "", properties);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    attributes: sorted(attributes),
    scores: sorted(scores),
    events: { types: sorted(types), properties: sorted(properties) },
    sample: { profiles: profiles.length, events: events.length },
  };
}
