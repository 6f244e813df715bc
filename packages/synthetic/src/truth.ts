/**
 * The planted truth: each profile's probability of churning and of converting in the prediction
 * window, as a fixed, documented function of what can be observed about it at the cutoff (its
 * events up to the cutoff and its loyalty tier). The generator draws each profile's outcome from
 * these probabilities, so a model trained on history before the cutoff with labels from the
 * window can recover them, and the AUC of the true probabilities is the best any model can do.
 */
import { TIERS } from "./catalog.js";

const DAY_MS = 86_400_000;

/** Recency is counted in whole and fractional days up to this cap (also the value with no events). */
export const RECENCY_CAP_DAYS = 90;

/** An event as truthFor reads it: a Date, an ISO string or epoch milliseconds as timestamp. */
export interface TruthEvent {
  type: string;
  timestamp: Date | string | number;
  properties?: Record<string, unknown> | null;
}

/** The observable inputs of the formulas, measured at the cutoff `c` from events at or before `c`. */
export interface TruthFeatures {
  /** Days from the last event of any type to `c`, capped at {@link RECENCY_CAP_DAYS}; the cap if none. */
  recencyDays: number;
  /** Events of any type in `(c - 30 days, c]`. */
  events30: number;
  /** Purchases in `(c - 90 days, c]`. */
  purchases90: number;
  /** Sum of `properties.revenue` of purchases in `(c - 90 days, c]`. */
  revenue90: number;
  /** addToCart events in `(c - 30 days, c]`. */
  carts30: number;
  /** emailClick events in `(c - 90 days, c]`. */
  emailClicks90: number;
  /** supportTicket events in `(c - 90 days, c]`. */
  tickets90: number;
  /** Rank of `attributes.loyalty.tier`: bronze or none 0, silver 1, gold 2, platinum 3. */
  tierRank: number;
}

/** Known probabilities for the window `(c, c + windowDays]`. */
export interface Truth {
  /** P(no event of any type in the window). */
  churn: number;
  /** P(at least one purchase in the window). Never above `1 - churn`: a silent profile buys nothing. */
  conversion: number;
}

/**
 * The coefficients of the two formulas (README.md, "The truth"). Exported so that tests and
 * propensity checks can name the planted factors; changing them changes every population.
 */
export const TRUTH_COEFFICIENTS = {
  churn: {
    intercept: -1.5,
    recencyDays: 0.035,
    logEvents30: -0.55,
    logPurchases90: -0.6,
    tickets90: 0.7,
    tierRank: -0.35,
  },
  buy: {
    intercept: -1.9,
    logPurchases90: 1.0,
    logCarts30: 0.7,
    logEmailClicks90: 0.6,
    logRevenue90: 0.3,
    recencyDays: -0.015,
  },
} as const;

/** Tickets above this count add nothing more to churn. */
export const TICKETS_CAP = 3;

/**
 * The observable features of a profile at `cutoff` (see {@link TruthFeatures}). Events after
 * the cutoff, and events without a valid timestamp, are ignored.
 */
export function truthFeatures(
  events: readonly TruthEvent[],
  attributes: Record<string, unknown> | null | undefined,
  cutoff: Date,
): TruthFeatures {
  const c = cutoff.getTime();
  const features: TruthFeatures = {
    recencyDays: RECENCY_CAP_DAYS,
    events30: 0,
    purchases90: 0,
    revenue90: 0,
    carts30: 0,
    emailClicks90: 0,
    tickets90: 0,
    tierRank: tierRank(attributes),
  };
  let last = Number.NEGATIVE_INFINITY;
  // Revenue in integer cents: the sum does not depend on the order of the events.
  let revenueCents = 0;
  for (const event of events) {
    const t = timeOf(event.timestamp);
    if (t === undefined || t > c) continue;
    if (t > last) last = t;
    const age = (c - t) / DAY_MS;
    if (age < 30) {
      features.events30++;
      if (event.type === "addToCart") features.carts30++;
    }
    if (age < 90) {
      if (event.type === "purchase") {
        features.purchases90++;
        const revenue = event.properties?.revenue;
        if (typeof revenue === "number" && Number.isFinite(revenue))
          revenueCents += Math.round(revenue * 100);
      } else if (event.type === "emailClick") features.emailClicks90++;
      else if (event.type === "supportTicket") features.tickets90++;
    }
  }
  features.revenue90 = revenueCents / 100;
  if (last > Number.NEGATIVE_INFINITY) features.recencyDays = Math.min(RECENCY_CAP_DAYS, (c - last) / DAY_MS);
  return features;
}

/**
 * The planted probabilities from the features (σ is the logistic function, ln1p(x) = ln(1 + x)):
 *
 * ```
 * churn      p = σ(−1.6 + 0.045·recencyDays − 0.55·ln1p(events30) − 0.6·ln1p(purchases90)
 *                  + 0.7·min(tickets90, 3) − 0.35·tierRank)
 * buy        r = σ(−1.9 + 1.0·ln1p(purchases90) + 0.7·ln1p(carts30) + 0.6·ln1p(emailClicks90)
 *                  + 0.3·ln1p(revenue90 / 100) − 0.015·recencyDays)
 * conversion q = (1 − p)·r
 * ```
 *
 * `r` is the chance of buying for a profile that stays active; churners go silent and buy
 * nothing, so the chance of a purchase in the window is `q`.
 */
export function truthFromFeatures(f: TruthFeatures): Truth {
  const k = TRUTH_COEFFICIENTS;
  const churn = sigmoid(
    k.churn.intercept +
      k.churn.recencyDays * f.recencyDays +
      k.churn.logEvents30 * Math.log1p(f.events30) +
      k.churn.logPurchases90 * Math.log1p(f.purchases90) +
      k.churn.tickets90 * Math.min(f.tickets90, TICKETS_CAP) +
      k.churn.tierRank * f.tierRank,
  );
  const buy = sigmoid(
    k.buy.intercept +
      k.buy.logPurchases90 * Math.log1p(f.purchases90) +
      k.buy.logCarts30 * Math.log1p(f.carts30) +
      k.buy.logEmailClicks90 * Math.log1p(f.emailClicks90) +
      k.buy.logRevenue90 * Math.log1p(f.revenue90 / 100) +
      k.buy.recencyDays * f.recencyDays,
  );
  return { churn, conversion: (1 - churn) * buy };
}

/**
 * A profile's known churn and conversion probabilities for the window after `cutoff`, from its
 * events at or before `cutoff` and its attributes alone (formula in {@link truthFromFeatures}).
 * The generator computes every profile's `truth` with this function, so the two cannot disagree.
 */
export function truthFor(
  events: readonly TruthEvent[],
  attributes: Record<string, unknown> | null | undefined,
  cutoff: Date,
): Truth {
  return truthFromFeatures(truthFeatures(events, attributes, cutoff));
}

/** What actually happened in the window `(cutoff, now]`: the labels a model is trained on. */
export interface Outcome {
  /** No event of any type in the window. */
  churned: boolean;
  /** At least one purchase in the window. */
  converted: boolean;
}

export function outcomeOf(events: readonly TruthEvent[], cutoff: Date, now: Date): Outcome {
  const c = cutoff.getTime();
  const n = now.getTime();
  let active = false;
  let converted = false;
  for (const event of events) {
    const t = timeOf(event.timestamp);
    if (t === undefined || t <= c || t > n) continue;
    active = true;
    if (event.type === "purchase") converted = true;
  }
  return { churned: !active, converted };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function tierRank(attributes: Record<string, unknown> | null | undefined): number {
  const loyalty = attributes?.loyalty;
  if (typeof loyalty !== "object" || loyalty === null) return 0;
  const rank = TIERS.indexOf((loyalty as { tier?: unknown }).tier as (typeof TIERS)[number]);
  return Math.max(rank, 0);
}

/** Epoch ms of a truth event's timestamp, or undefined when it is not a valid time. */
export function timeOf(timestamp: Date | string | number): number | undefined {
  const t =
    timestamp instanceof Date
      ? timestamp.getTime()
      : typeof timestamp === "string"
        ? Date.parse(timestamp)
        : timestamp;
  return typeof t === "number" && Number.isFinite(t) ? t : undefined;
}
