/**
 * A uniform sample of the stored profiles, read once. A profile's bucket is a hash of its id, so
 * the profiles of any contiguous bucket range are a uniform random sample: the sample is one
 * random range, sized to hold about `sampleSize` profiles, read through the same shard reader
 * (and the same `(bucket, _id)` / `(bucket, profileId, timestamp)` indexes) the workers use.
 *
 * The range is read in chunks of consecutive buckets, a few at a time, under a time budget: once
 * the budget is spent no chunk is started, and the chunks read so far, which are always the
 * first ones of the range and so a shorter contiguous range, are the sample. The answer then
 * says it was cut, and its interval is that of the smaller sample. Reading is what costs (about
 * 3,000 profiles a second against the local server, bench/README.md): the budget keeps an
 * estimate interactive whatever sample was asked for, and on whatever machine.
 */
import type { Profile } from "@segflow/segment-language";
import { BUCKETS, readShard, type Store } from "@segflow/store";

/**
 * How long a sample may take to read before no more chunks are started, unless the caller says
 * otherwise. The chunks under way finish, which took up to half a second more on a loaded 2-core
 * machine (bench/README.md, "Estimates"): 1.2 s keeps an estimate's answer under 2 s there.
 */
export const SAMPLE_BUDGET_MS = 1200;

/**
 * Chunks read at once. Two cores serve the local server: a few concurrent range reads keep it
 * busy while this process decodes and evaluates (three measured about 1.3× one at 50,000
 * profiles, bench/README.md); more only queue.
 */
const LANES = 3;

/**
 * Profiles a chunk should hold: small enough that the chunks under way when the budget ends
 * add little to it, large enough that each range read's fixed cost (planning, the sort) is spread.
 */
export const CHUNK_PROFILES = 250;

export interface SampleOptions {
  /** Profiles wanted; whole buckets are read, so the sample may hold a few more or fewer. */
  sampleSize: number;
  /** First bucket of the range; random when absent. */
  from?: number;
  /**
   * Time after which no chunk is started. The first chunks (one per lane) are always read, so a
   * sample of a few hundred profiles is never cut. @defaultValue {@link SAMPLE_BUDGET_MS}
   */
  budgetMs?: number;
  /**
   * Profiles per chunk: fewer when each profile costs more than its read (a backtest evaluates
   * it at every instant), and in tests. @defaultValue {@link CHUNK_PROFILES}
   */
  chunkProfiles?: number;
}

export interface SampleSummary {
  /** Profiles read (and visited). */
  size: number;
  /** The sample size asked for. */
  requested: number;
  /**
   * The population the sample stands for: the stored profiles (the read itself when it
   * covered every bucket, so that a full sample is exact).
   */
  population: number;
  /** The buckets read: `count` consecutive buckets from `from`, wrapping past the last. */
  buckets: { from: number; count: number };
  /** The budget ended the read before the planned range was read. */
  truncated: boolean;
}

/** Buckets to read so that they hold about `sampleSize` of `population` profiles. */
export function bucketsFor(sampleSize: number, population: number): number {
  if (population <= 0) return BUCKETS;
  return Math.max(1, Math.min(BUCKETS, Math.ceil((sampleSize / population) * BUCKETS)));
}

type Range = { bucketFrom: number; bucketTo: number };

/** `count` buckets from `from`, as one or (wrapping past the last bucket) two ranges. */
function rangesOf(from: number, count: number): Range[] {
  const start = from % BUCKETS;
  if (start + count <= BUCKETS) return [{ bucketFrom: start, bucketTo: start + count }];
  return [
    { bucketFrom: start, bucketTo: BUCKETS },
    { bucketFrom: 0, bucketTo: start + count - BUCKETS },
  ];
}

/**
 * Reads a uniform sample and hands each profile (with all its events) to `visit`, once, as it
 * arrives; `visit` is synchronous, so a compiled segment set (not re-entrant) may be called in it.
 */
export async function readSample(
  store: Store,
  options: SampleOptions,
  visit: (profile: Profile) => void,
): Promise<SampleSummary> {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? SAMPLE_BUDGET_MS;
  // estimatedDocumentCount reads collection metadata: cheap on MongoDB, good enough to size the range.
  const stored = await store.profiles.estimatedDocumentCount();
  const planned = bucketsFor(options.sampleSize, stored);
  const from = options.from ?? Math.floor(Math.random() * BUCKETS);
  const perBucket = Math.max(stored, 1) / BUCKETS;
  const chunkBuckets = Math.max(1, Math.ceil((options.chunkProfiles ?? CHUNK_PROFILES) / perBucket));
  const chunks = Math.ceil(planned / chunkBuckets);

  let next = 0;
  let size = 0;
  // Chunks are taken in order and every chunk taken is read to its end, so whenever the taking
  // stops, the chunks read are exactly the first `next`: one contiguous bucket range.
  const lane = async () => {
    while (next < chunks && (next < LANES || Date.now() - started < budgetMs)) {
      const first = next++ * chunkBuckets;
      const count = Math.min(chunkBuckets, planned - first);
      for (const range of rangesOf(from + first, count)) {
        for await (const { profile } of readShard(store, range)) {
          size++;
          visit(profile);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, chunks) }, lane));

  const count = Math.min(planned, next * chunkBuckets);
  return {
    size,
    requested: options.sampleSize,
    // Whole buckets are read, so the sample may differ a little from the size asked for; a
    // sample of every bucket is the population itself.
    population: count === BUCKETS ? size : Math.max(stored, size),
    buckets: { from, count },
    truncated: next < chunks,
  };
}
