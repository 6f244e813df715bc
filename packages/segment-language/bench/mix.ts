/**
 * The benchmark's fixed mix: 50 segments of the kinds in docs/segment-language.md's examples, and a
 * reproducible population whose profiles carry 0-100 events.
 */
import type { Profile } from "../src/index.js";

/** mulberry32: a tiny seeded PRNG, so every run measures the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KEYWORDS = ["running shoes", "trail shoes", "socks", "jacket", "tent", "watch"];
const TYPES = ["search", "productView", "addToCart", "purchase", "emailOpen", "login"];
const COUNTRIES = ["US", "FR", "DE", "GB", "JP", "BR"];
const TIERS = ["bronze", "silver", "gold", "platinum"];
const TAGS = ["runner", "newsletter", "vip", "unsubscribed", "hiker"];

export const NOW_MS = Date.parse("2026-11-29T12:00:00Z");

export function segmentMix(): { id: string; definition: string }[] {
  const out: { id: string; definition: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const kw = KEYWORDS[i % KEYWORDS.length]!;
    const days = [7, 14, 30, 60, 90][i % 5]!;
    const country = COUNTRIES[i % COUNTRIES.length]!;
    const kinds = [
      `exists(events where type = "search" and keywords contains "${kw}" and timestamp within last ${days} days)
       and not exists(events where type = "purchase" and timestamp within last ${days} days)`,
      `loyalty.tier in ["gold", "platinum"] and country = "${country}" and yearsSince(birthDate) >= ${18 + (i % 30)}`,
      `sum(events.revenue where type = "purchase" and timestamp within last ${days} days) > ${100 * (1 + (i % 7))}`,
      `daysSince(max(events.timestamp where type = "purchase")) > ${days}`,
      `sequence(events where type = "productView", events where type = "addToCart") within ${1 + (i % 3)} day`,
      `inSegment("s${i - 4 < 0 ? 1 : i - 4}") and scores.churn.score >= ${50 + (i % 40)}`,
      `tags != "unsubscribed" and email is not null and count(events where type = "emailOpen") >= ${i % 5}`,
    ];
    out.push({ id: `s${i}`, definition: kinds[i % kinds.length]! });
  }
  return out;
}

export function population(count: number, seed = 1): Profile[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const profiles: Profile[] = [];
  for (let p = 0; p < count; p++) {
    const events = [];
    const n = Math.floor(r() * 101);
    for (let e = 0; e < n; e++) {
      const type = pick(TYPES);
      const properties: Record<string, unknown> = {};
      if (type === "search") properties.keywords = pick(KEYWORDS);
      if (type === "purchase") properties.revenue = Math.round(r() * 30_000) / 100;
      if (type === "productView" || type === "addToCart")
        properties.product = { sku: `sku-${Math.floor(r() * 50)}` };
      const ms = NOW_MS - Math.floor(r() * 180 * 86_400_000);
      events.push({ type, timestamp: new Date(ms).toISOString(), properties });
    }
    profiles.push({
      id: `p-${p}`,
      attributes: {
        country: pick(COUNTRIES),
        loyalty: { tier: pick(TIERS), points: Math.floor(r() * 5000) },
        tags: TAGS.filter(() => r() < 0.3),
        birthDate: `${1950 + Math.floor(r() * 55)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
        ...(r() < 0.9 ? { email: `user${p}@example.com` } : {}),
      },
      events,
      scores: { churn: { score: Math.floor(r() * 101) } },
    });
  }
  return profiles;
}
