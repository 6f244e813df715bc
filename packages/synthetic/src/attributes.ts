/**
 * Profile attributes, drawn from the traits. They describe the person as of `now` but never
 * from the prediction window's events, so they leak nothing about the planted outcome.
 */
import { COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PLANS, TIERS, type Tier } from "./catalog.js";
import type { Random } from "./random.js";
import { clamp, type Traits } from "./traits.js";

const DAY_MS = 86_400_000;
const COUNTRY_WEIGHTS = COUNTRIES.map(([country, weight, cities]) => [{ country, cities }, weight] as const);

/** The attributes of a synthetic profile (`email` and `loyalty` may be absent). */
export interface SyntheticAttributes {
  firstName: string;
  lastName: string;
  email?: string;
  emailOptIn: boolean;
  country: string;
  city: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** ISO 8601 instant, UTC. */
  signupDate: string;
  plan: string;
  loyalty?: { tier: Tier; points: number };
  /** Among runner, outdoor, newsletter, vip, bargain-hunter, mobile-app. */
  tags: string[];
  /** The category the person browses most. */
  favoriteCategory: string;
  [key: string]: unknown;
}

export function drawAttributes(
  random: Random,
  traits: Traits,
  index: number,
  now: number,
  signup: number,
): SyntheticAttributes {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const { country, cities } = random.weighted(COUNTRY_WEIGHTS);
  const age = Math.round(clamp(random.normal(38, 12), 18, 85));
  const birth = now - (age * 365.25 + random.uniform(0, 364)) * DAY_MS;
  const tier = tierOf(traits.value);
  const hasLoyalty = random.chance(0.85);
  const points = Math.round(Math.exp(random.normal(5 + 0.8 * TIERS.indexOf(tier), 0.6)));
  const plan = random.weighted(
    PLANS.map(([p, w]) => [p, p === "free" ? w * Math.exp(-0.6 * traits.value) : w] as const),
  );

  const tags: string[] = [];
  if (traits.interest.category === "running" || traits.secondInterest.category === "running")
    tags.push("runner");
  if (traits.interest.category === "outdoor") tags.push("outdoor");
  if (traits.optIn) tags.push("newsletter");
  if (hasLoyalty && tier === "platinum") tags.push("vip");
  if (traits.priceSensitivity > 0.75) tags.push("bargain-hunter");
  if (random.chance(0.4)) tags.push("mobile-app");

  const email = traits.hasEmail
    ? `${firstName}.${lastName}.${index}@${random.pick(EMAIL_DOMAINS)}`
    : undefined;
  const attributes: SyntheticAttributes = {
    firstName,
    lastName,
    ...(email === undefined ? {} : { email }),
    emailOptIn: traits.optIn,
    country,
    city: random.pick(cities),
    birthDate: new Date(birth).toISOString().slice(0, 10),
    signupDate: new Date(signup).toISOString(),
    plan,
    ...(hasLoyalty ? { loyalty: { tier, points } } : {}),
    tags,
    favoriteCategory: traits.interest.category,
  };
  return attributes;
}

/** bronze ~50%, silver ~31%, gold ~13%, platinum ~6% of people with a loyalty account. */
function tierOf(value: number): Tier {
  if (value < 0) return "bronze";
  if (value < 0.9) return "silver";
  if (value < 1.55) return "gold";
  return "platinum";
}
