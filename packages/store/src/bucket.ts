/**
 * The shard key. A profile's bucket is a stable hash of its id (FNV-1a over UTF-8), fixed at
 * first write, like a hashed shard key: bucket ranges are uniform random samples of profiles.
 */
export const BUCKETS = 4096;

export function bucketOf(profileId: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(profileId, "utf8");
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % BUCKETS;
}
