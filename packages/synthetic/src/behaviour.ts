/**
 * Events from traits: browsing sessions (login, pageView, search, productView, addToCart,
 * purchase, supportTicket) placed on the timeline by an inhomogeneous Poisson process whose
 * intensity follows the person's trend, and newsletter opens and clicks on a global campaign
 * calendar.
 */
import { CATEGORIES, type Category, GENERIC_KEYWORDS, type Product, TICKET_TOPICS } from "./catalog.js";
import type { Random } from "./random.js";
import type { Traits } from "./traits.js";

export type EventType =
  | "login"
  | "pageView"
  | "search"
  | "productView"
  | "addToCart"
  | "purchase"
  | "emailOpen"
  | "emailClick"
  | "supportTicket";

export interface SyntheticEvent {
  type: EventType;
  timestamp: Date;
  properties: Record<string, unknown>;
}

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A session never lasts longer than this (at most 20 events, 4 minutes apart at most), so a
 * session started this long before a boundary (the cutoff, now) ends before it.
 */
export const SESSION_MAX_MS = 2 * HOUR_MS;
/** Opens come within 2 days of a campaign; a campaign this close to a boundary is not sent. */
const CAMPAIGN_REACH_MS = 3 * DAY_MS;

const LOGIN_METHODS = ["password", "google", "apple"] as const;
const TICKET_CHANNELS = ["email", "chat", "phone"] as const;

/** The timeline every profile of a population shares. */
export interface Timeline {
  /** Start of the history, ms. */
  start: number;
  /** End of the history and start of the prediction window, ms. */
  cutoff: number;
  now: number;
  /** Expected browsing sessions per profile over the whole timeline, for engagement 1. */
  sessionsPerProfile: number;
  /** Newsletter send times, ms, with their campaign names. */
  campaigns: readonly { time: number; name: string }[];
}

/** Which purchases a window may hold: any (history), none (not converting), at least one (converting). */
export type PurchasePolicy = "natural" | "none" | "atLeastOne";

/**
 * Activity of one profile in `[from, to]` (session starts are at most `to - SESSION_MAX_MS`,
 * so every event is at or before `to`; all are at or after `from`), sorted by time. With
 * `sessionAtStart`, a session starts at `from` (a sign-up); with `atLeastOneEvent`, a profile
 * that drew no activity gets a brief visit (a login, maybe, and a page view).
 */
export function activityBetween(
  random: Random,
  traits: Traits,
  timeline: Timeline,
  from: number,
  to: number,
  purchases: PurchasePolicy,
  options: { atLeastOneEvent?: boolean; sessionAtStart?: boolean } = {},
): SyntheticEvent[] {
  const events: SyntheticEvent[] = [];
  const lastStart = to - SESSION_MAX_MS;
  if (lastStart > from) {
    if (options.sessionAtStart) session(random, traits, clampStart(from, from, lastStart), "maybe", events);
    const span = timeline.now - timeline.start;
    const x0 = (from - timeline.start) / span;
    const x1 = (lastStart - timeline.start) / span;
    const expected = timeline.sessionsPerProfile * traits.engagement * intensityMass(traits.trend, x0, x1);
    const sessions = random.poisson(expected);
    for (let i = 0; i < sessions; i++) {
      const x = sampleIntensity(random, traits.trend, x0, x1);
      const t = clampStart(timeline.start + x * span, from, lastStart);
      session(random, traits, t, purchases === "none" ? "never" : "maybe", events);
    }
    for (const campaign of timeline.campaigns) {
      if (campaign.time < from || campaign.time + CAMPAIGN_REACH_MS > to) continue;
      newsletter(random, traits, timeline, campaign, events);
    }
    if (purchases === "atLeastOne" && !events.some((e) => e.type === "purchase")) {
      const t = clampStart(random.uniform(from, lastStart), from, lastStart);
      session(random, traits, t, "always", events);
    }
    if (options.atLeastOneEvent && events.length === 0) {
      // A brief visit: the least activity there is, so that it adds little to the event count.
      const t = clampStart(random.uniform(from, lastStart), from, lastStart);
      if (random.chance(0.3))
        events.push({
          type: "login",
          timestamp: new Date(t),
          properties: { method: random.pick(LOGIN_METHODS) },
        });
      events.push({
        type: "pageView",
        timestamp: new Date(t + SECOND_MS),
        properties: { page: pagePath(random, traits) },
      });
    }
  }
  events.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  return events;
}

/** A session's start, on a whole second, inside `[from, lastStart]` (`from` rounded up). */
function clampStart(t: number, from: number, lastStart: number): number {
  const first = Math.ceil(from / SECOND_MS) * SECOND_MS;
  const second = Math.floor(t / SECOND_MS) * SECOND_MS;
  return Math.min(Math.max(second, first), Math.floor(lastStart / SECOND_MS) * SECOND_MS);
}

/**
 * The share of a profile's expected sessions in `[x0, x1]` of the timeline, for an intensity
 * proportional to exp(trend·x) normalised to mean 1 over [0, 1].
 */
export function intensityMass(trend: number, x0: number, x1: number): number {
  if (Math.abs(trend) < 1e-9) return x1 - x0;
  return (Math.exp(trend * x1) - Math.exp(trend * x0)) / (Math.exp(trend) - 1);
}

/** The relative intensity at x (1 on average over the timeline). */
export function intensityAt(trend: number, x: number): number {
  if (Math.abs(trend) < 1e-9) return 1;
  return (trend * Math.exp(trend * x)) / (Math.exp(trend) - 1);
}

/** A point of [x0, x1] with density proportional to exp(trend·x) (inverse CDF). */
function sampleIntensity(random: Random, trend: number, x0: number, x1: number): number {
  const u = random.next();
  if (Math.abs(trend) < 1e-9) return x0 + u * (x1 - x0);
  const a = Math.exp(trend * x0);
  const b = Math.exp(trend * x1);
  return Math.log(a + u * (b - a)) / trend;
}

function session(
  random: Random,
  traits: Traits,
  start: number,
  purchase: "never" | "maybe" | "always",
  into: SyntheticEvent[],
): void {
  let t = start;
  const push = (type: EventType, properties: Record<string, unknown>) => {
    into.push({ type, timestamp: new Date(t), properties });
    t += random.int(15, 240) * SECOND_MS;
  };
  if (random.chance(0.3)) push("login", { method: random.pick(LOGIN_METHODS) });
  const pages = 1 + Math.min(3, random.poisson(0.4));
  for (let i = 0; i < pages; i++) push("pageView", { page: pagePath(random, traits) });
  if (random.chance(traits.searchRate)) push("search", { keywords: keywords(random, traits) });
  let views = Math.min(5, random.poisson(1.3));
  if (purchase === "always" && views === 0) views = 1;
  const cart: { product: Product; quantity: number }[] = [];
  for (let i = 0; i < views; i++) {
    const product = pickProduct(random, browsedCategory(random, traits), traits.priceSensitivity);
    push("productView", { product: { ...product } });
    const forced = purchase === "always" && cart.length === 0 && i === views - 1;
    if (forced || random.chance(traits.cartRate)) {
      const quantity = random.weighted([
        [1, 85],
        [2, 12],
        [3, 3],
      ]);
      cart.push({ product, quantity });
      push("addToCart", { product: { ...product }, quantity });
    }
  }
  if (cart.length > 0 && purchase !== "never" && (purchase === "always" || random.chance(traits.buyRate))) {
    let cents = 0;
    for (const { product, quantity } of cart) cents += Math.round(product.price * 100) * quantity;
    push("purchase", {
      orderId: `o-${random.int(0, 0xffffffff).toString(16).padStart(8, "0")}`,
      revenue: cents / 100,
      currency: "USD",
      items: cart.map(({ product, quantity }) => ({ ...product, quantity })),
    });
  }
  if (random.chance(traits.ticketRate)) {
    push("supportTicket", { topic: random.pick(TICKET_TOPICS), channel: random.pick(TICKET_CHANNELS) });
  }
}

function newsletter(
  random: Random,
  traits: Traits,
  timeline: Timeline,
  campaign: { time: number; name: string },
  into: SyntheticEvent[],
): void {
  if (!traits.optIn) return;
  const x = (campaign.time - timeline.start) / (timeline.now - timeline.start);
  // People who fade away stop opening newsletters too.
  const openChance = Math.min(0.95, traits.openRate * Math.min(2, intensityAt(traits.trend, x)));
  if (!random.chance(openChance)) return;
  const delay = Math.min(48 * HOUR_MS, random.exponential(6 * HOUR_MS));
  const opened = Math.floor((campaign.time + delay) / SECOND_MS) * SECOND_MS;
  into.push({ type: "emailOpen", timestamp: new Date(opened), properties: { campaign: campaign.name } });
  if (random.chance(traits.clickRate)) {
    const clicked = opened + random.int(10, 600) * SECOND_MS;
    into.push({ type: "emailClick", timestamp: new Date(clicked), properties: { campaign: campaign.name } });
  }
}

function browsedCategory(random: Random, traits: Traits): Category {
  const u = random.next();
  if (u < 0.7) return traits.interest;
  if (u < 0.9) return traits.secondInterest;
  return random.pick(CATEGORIES);
}

/** Price-sensitive people look at the cheap end of a category, the others across it or higher. */
function pickProduct(random: Random, category: Category, priceSensitivity: number): Product {
  const skew = Math.exp(2.4 * (priceSensitivity - 0.5));
  const index = Math.floor(category.products.length * random.next() ** skew);
  return category.products[Math.min(index, category.products.length - 1)]!;
}

function keywords(random: Random, traits: Traits): string {
  if (random.chance(0.1)) return random.pick(GENERIC_KEYWORDS);
  const category = random.chance(0.75) ? traits.interest : traits.secondInterest;
  // The first keyword of a category ("running shoes") is searched more than all others together.
  return random.chance(0.6) ? category.keywords[0]! : random.pick(category.keywords);
}

function pagePath(random: Random, traits: Traits): string {
  const u = random.next();
  if (u < 0.35) return "/";
  if (u < 0.75) return `/c/${random.chance(0.7) ? traits.interest.category : traits.secondInterest.category}`;
  if (u < 0.85) return "/deals";
  if (u < 0.95) return "/account";
  return "/help";
}
