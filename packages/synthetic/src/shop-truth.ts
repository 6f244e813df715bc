/**
 * The shop truth: a second planted truth, harder than the basic one (truth.ts), whose signals
 * are non-linear and hide in event properties, sequences and attributes (README.md, "The shop
 * truth"). The generator plants it with `generatePopulation({ truth: "shop" })` by the same
 * mechanism as the basic one; only the probabilities change.
 */
import { type ShopTruthFeatures, shopTruthFeatures } from "./shop-features.js";
import type { Truth, TruthEvent } from "./truth.js";

/**
 * The coefficients and shapes of the shop formulas (README.md, "The shop truth"). Exported so
 * that tests and propensity checks can name the planted factors; changing them changes every
 * shop population.
 */
export const SHOP_TRUTH_COEFFICIENTS = {
  churn: {
    intercept: -0.6,
    recencyDays: 0.035,
    logActiveDays30: -0.9,
    activityTrend: -1.1,
    overdueExcess: 1.3,
    topicTickets: 2.0,
    otherTickets: 0.4,
    premium: -2.2,
    plus: -0.8,
    emailOptIn: -0.6,
    newCustomer: 3.0,
    logLoyaltyPoints: -0.15,
    logRevenue90: -0.3,
  },
  buy: {
    intercept: -4,
    cadenceBump: 2.5,
    abandonedCart: 3.0,
    logCartsSincePurchase: 0.3,
    categoryShare: 2.0,
    emailOptIn: 0.8,
    logLoyaltyPoints: 0.15,
    ageBump: 1.2,
    logRevenue90: 0.4,
    recencyDays: -0.03,
    logActiveDays30: 0.5,
  },
  shapes: {
    /** Width of the bump of conversion around overdue = 1. */
    cadenceWidth: 0.35,
    /** Churn rises with overdue beyond this… */
    overdueFrom: 2,
    /** …by at most this much overdue. */
    overdueExcessCap: 3,
    /** An abandoned cart's pull decays as exp(−days / this). */
    abandonedCartDays: 7,
    /** Newness is exp(−tenureDays / this). */
    newCustomerDays: 90,
    /** Conversion peaks at this age… */
    ageCentre: 40,
    /** …with this width (years). */
    ageWidth: 10,
    /** Tickets above this count add nothing more. */
    ticketsCap: 3,
  },
} as const;

/**
 * The planted probabilities from the shop features (σ is the logistic function, ln1p(x) =
 * ln(1 + x), bump(x) = exp(−x²/2); a term whose feature is null is 0):
 *
 * ```
 * trend      = ln((1 + activeDays30) / (1 + activeDaysPrev30))
 * churn    p = σ(−0.6 + 0.035·recencyDays − 0.9·ln1p(activeDays30) − 1.1·trend
 *                + 1.3·min(max(overdue − 2, 0), 3) + 2.0·min(topicTickets90, 3) + 0.4·min(otherTickets90, 3)
 *                − 2.2·premium − 0.8·plus − 0.6·emailOptIn + 3.0·exp(−tenureDays / 90)
 *                − 0.15·ln1p(loyaltyPoints) − 0.3·ln1p(revenue90 / 100))
 * buy      r = σ(−4 + 2.5·bump((overdue − 1) / 0.35) + 3.0·exp(−abandonedCartDays / 7)
 *                + 0.3·ln1p(cartsSincePurchase) + 2.0·categoryShare + 0.8·emailOptIn
 *                + 0.15·ln1p(loyaltyPoints) + 1.2·bump((ageYears − 40) / 10)
 *                + 0.4·ln1p(revenue90 / 100) − 0.03·recencyDays + 0.5·ln1p(activeDays30))
 * conversion q = (1 − p)·r
 * ```
 */
export function shopTruthFromFeatures(f: ShopTruthFeatures): Truth {
  const { churn: kc, buy: kb, shapes: s } = SHOP_TRUTH_COEFFICIENTS;
  const trend = Math.log((1 + f.activeDays30) / (1 + f.activeDaysPrev30));
  const overdueExcess =
    f.overdue === null ? 0 : Math.min(Math.max(f.overdue - s.overdueFrom, 0), s.overdueExcessCap);
  const newness = f.tenureDays === null ? 0 : Math.exp(-f.tenureDays / s.newCustomerDays);
  const logPoints = Math.log1p(f.loyaltyPoints);
  const logRevenue = Math.log1p(f.revenue90 / 100);
  const logActiveDays = Math.log1p(f.activeDays30);
  const churn = sigmoid(
    kc.intercept +
      kc.recencyDays * f.recencyDays +
      kc.logActiveDays30 * logActiveDays +
      kc.activityTrend * trend +
      kc.overdueExcess * overdueExcess +
      kc.topicTickets * Math.min(f.topicTickets90, s.ticketsCap) +
      kc.otherTickets * Math.min(f.otherTickets90, s.ticketsCap) +
      kc.premium * f.premium +
      kc.plus * f.plus +
      kc.emailOptIn * f.emailOptIn +
      kc.newCustomer * newness +
      kc.logLoyaltyPoints * logPoints +
      kc.logRevenue90 * logRevenue,
  );
  const cadence = f.overdue === null ? 0 : bump((f.overdue - 1) / s.cadenceWidth);
  const abandoned = f.abandonedCartDays === null ? 0 : Math.exp(-f.abandonedCartDays / s.abandonedCartDays);
  const ageBump = f.ageYears === null ? 0 : bump((f.ageYears - s.ageCentre) / s.ageWidth);
  const buy = sigmoid(
    kb.intercept +
      kb.cadenceBump * cadence +
      kb.abandonedCart * abandoned +
      kb.logCartsSincePurchase * Math.log1p(f.cartsSincePurchase) +
      kb.categoryShare * f.categoryShare +
      kb.emailOptIn * f.emailOptIn +
      kb.logLoyaltyPoints * logPoints +
      kb.ageBump * ageBump +
      kb.logRevenue90 * logRevenue +
      kb.recencyDays * f.recencyDays +
      kb.logActiveDays30 * logActiveDays,
  );
  return { churn, conversion: (1 - churn) * buy };
}

/**
 * A profile's shop churn and conversion probabilities for the window after `cutoff`, from its
 * events at or before `cutoff` and its attributes alone (formula in {@link shopTruthFromFeatures}).
 */
export function shopTruthFor(
  events: readonly TruthEvent[],
  attributes: Record<string, unknown> | null | undefined,
  cutoff: Date,
): Truth {
  return shopTruthFromFeatures(shopTruthFeatures(events, attributes, cutoff));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function bump(x: number): number {
  return Math.exp(-(x * x) / 2);
}
