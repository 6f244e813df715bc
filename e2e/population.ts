/** A small deterministic population for the end-to-end tests, with behaviour the segments select. */
import type { Profile } from "@segflow/segment-language";
import { mulberry32 } from "@segflow/synthetic";

const TYPES = ["search", "productView", "addToCart", "purchase", "login"];
const COUNTRIES = ["US", "FR", "DE"];
const TIERS = ["bronze", "silver", "gold"];

export function population(count: number, seed: number, nowMs: number): Profile[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const events = Array.from({ length: Math.floor(r() * 12) }, () => {
      const type = pick(TYPES);
      const properties: Record<string, unknown> = {};
      if (type === "search") properties.keywords = pick(["running shoes", "socks", "tent"]);
      if (type === "purchase") properties.revenue = Math.round(r() * 40_000) / 100;
      return {
        type,
        timestamp: new Date(nowMs - Math.floor(r() * 90 * 86_400_000)).toISOString(),
        properties,
      };
    });
    const country = pick(COUNTRIES);
    const loyalty = { tier: pick(TIERS), points: Math.floor(r() * 3000) };
    const t = r();
    return {
      id: `p-${String(i).padStart(5, "0")}`,
      // One profile in ten holds a mixed array with a nested one: stored as is, and read as
      // docs/segment-language.md says (an inner array's elements are not the outer's).
      attributes: {
        country,
        loyalty,
        tags: t < 0.2 ? ["vip"] : t < 0.3 ? ["runner", 5, null, "Vip", ["vip"]] : [],
      },
      events,
    };
  });
}

export const SEGMENTS = [
  {
    id: "shoe-searchers",
    name: "Searched running shoes, no purchase",
    definition: `exists(events where type = "search" and keywords contains "running shoes" and timestamp within last 30 days)
      and not exists(events where type = "purchase" and timestamp within last 30 days)`,
  },
  { id: "us-gold", name: "US gold", definition: 'country = "US" and loyalty.tier = "gold"' },
  {
    id: "big-spenders",
    name: "Spent over 300 in 90 days",
    definition: 'sum(events.revenue where type = "purchase" and timestamp within last 90 days) > 300',
  },
  { id: "vip-big", name: "VIP big spenders", definition: 'inSegment("big-spenders") and tags = "vip"' },
  {
    id: "runners",
    name: "Tagged runner, not vip",
    definition: 'tags = "runner" and tags contains 5 and not (tags = "vip")',
  },
];
