/**
 * Latent traits: what drives a synthetic person's behaviour but is never stored. Behaviour
 * (events) follows from the traits; the planted truth follows only from the behaviour that can
 * be observed, so nothing here leaks into a profile's probabilities except through its events
 * and its loyalty tier.
 */
import { CATEGORIES, type Category } from "./catalog.js";
import type { Random } from "./random.js";

export interface Traits {
  /** Activity multiplier, mean 1 (0.2 plus a log-normal part): how many sessions a person has. */
  engagement: number;
  /**
   * Trend of activity over the timeline: the intensity is proportional to exp(trend·x), x going
   * from 0 (start of history) to 1 (now). Negative: fading away (future churners); positive: warming up.
   */
  trend: number;
  /** Spending power, standard normal: loyalty tier, plan, and (with price sensitivity) what is bought. */
  value: number;
  /** 0..1: cheap products viewed more, carts abandoned more. */
  priceSensitivity: number;
  /** Chance that a viewed product goes into the cart. */
  cartRate: number;
  /** Chance that a session with a cart ends in a purchase. */
  buyRate: number;
  /** Chance that a session starts with a search. */
  searchRate: number;
  /** Chance that a session raises a support ticket (a frustrated minority raises many). */
  ticketRate: number;
  interest: Category;
  secondInterest: Category;
  /** Has an email address in the profile. */
  hasEmail: boolean;
  /** Subscribed to the newsletter (only with an email). */
  optIn: boolean;
  /** Chance of opening a newsletter, before the activity trend is applied. */
  openRate: number;
  /** Chance of clicking an opened newsletter. */
  clickRate: number;
  /** Signed up within the history (events start then) rather than before it. */
  lateSignup: boolean;
}

const CATEGORY_WEIGHTS = CATEGORIES.map((c) => [c, c.weight] as const);

export function drawTraits(random: Random): Traits {
  const engagementSigma = 0.65;
  const value = random.normal();
  const priceSensitivity = clamp(sigmoid(random.normal(-0.45 * value, 1.1)), 0.02, 0.98);
  const interest = random.weighted(CATEGORY_WEIGHTS);
  let secondInterest = random.weighted(CATEGORY_WEIGHTS);
  if (secondInterest === interest) secondInterest = random.weighted(CATEGORY_WEIGHTS);
  const hasEmail = random.chance(0.88);
  const frustrated = random.chance(0.1);
  return {
    engagement: 0.2 + 0.8 * Math.exp(random.normal(-(engagementSigma ** 2) / 2, engagementSigma)),
    trend: clamp(random.normal(-0.4, 1.5), -4.5, 3),
    value,
    priceSensitivity,
    cartRate: sigmoid(random.normal(-0.9, 0.8)) * (1 - 0.35 * priceSensitivity),
    buyRate: sigmoid(random.normal(-0.4 + 0.5 * value, 1.1)) * (1 - 0.4 * priceSensitivity),
    searchRate: random.uniform(0.25, 0.7),
    ticketRate: frustrated ? random.uniform(0.12, 0.3) : random.uniform(0, 0.03),
    interest,
    secondInterest,
    hasEmail,
    optIn: hasEmail && random.chance(0.7),
    openRate: sigmoid(random.normal(-1.3, 0.9)),
    clickRate: sigmoid(random.normal(-1.2, 0.7)),
    lateSignup: random.chance(0.25),
  };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(Math.max(x, min), max);
}
