/**
 * The features of the shop truth (README.md, "The shop truth"): what a data scientist would
 * engineer from a shop's events and attributes (purchase cadence, abandoned carts, what is
 * browsed, what support is asked about, active days and their trend, plan, tenure, age) and a
 * model on counts per event type would miss. All measured at a cutoff from events at or before it.
 */
import { RECENCY_CAP_DAYS, type TruthEvent, timeOf } from "./truth.js";

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/** The product category whose share of product views is planted (`productView` `product.category`). */
export const SHOP_CATEGORY = "electronics";
/** The support ticket topic planted to raise churn more than the others (`supportTicket` `topic`). */
export const SHOP_TICKET_TOPIC = "refund";
/** Purchase cadence is measured over this many days before the cutoff. */
export const CADENCE_DAYS = 180;
/** Lookback of revenue, carts, product views and tickets. */
const LOOKBACK_DAYS = 90;
/** A purchase gap shorter than a day (two orders in one evening) counts as a day. */
const MIN_GAP_DAYS = 1;

/** The observable inputs of the shop formulas at the cutoff `c`, from events at or before `c`. */
export interface ShopTruthFeatures {
  /** Days from the last event of any type to `c`, capped at {@link RECENCY_CAP_DAYS}; the cap if none. */
  recencyDays: number;
  /** Sum of `properties.revenue` of `purchase` events in `(c - 90 days, c]`. */
  revenue90: number;
  /** `purchase` events in `(c - 180 days, c]`. */
  purchases180: number;
  /** Mean days between consecutive purchases in `(c - 180 days, c]`: (last − first) / (n − 1), at least 1; null under 2 purchases. */
  meanPurchaseGapDays: number | null;
  /** Days from the last purchase to `c` divided by the mean gap; null under 2 purchases in 180 days. */
  overdue: number | null;
  /** `addToCart` events in `(c - 90 days, c]` after the last purchase (all of them with no purchase). */
  cartsSincePurchase: number;
  /** Days from the last of those carts (a cart no purchase followed) to `c`; null if none. */
  abandonedCartDays: number | null;
  /** `productView` events in `(c - 90 days, c]`. */
  productViews90: number;
  /** Share of those whose `product.category` is {@link SHOP_CATEGORY}; 0 without product views. */
  categoryShare: number;
  /** `supportTicket` events in `(c - 90 days, c]` with `topic` {@link SHOP_TICKET_TOPIC}. */
  topicTickets90: number;
  /** The other `supportTicket` events in `(c - 90 days, c]`. */
  otherTickets90: number;
  /** Distinct days with an event among the 30 24-hour days counted back from `c` (UTC days for a midnight cutoff). */
  activeDays30: number;
  /** The same over the 30 days before those, `(c - 60 days, c - 30 days]`. */
  activeDaysPrev30: number;
  /** 1 when `attributes.plan` is "premium". */
  premium: number;
  /** 1 when `attributes.plan` is "plus". */
  plus: number;
  /** 1 when `attributes.emailOptIn` is true. */
  emailOptIn: number;
  /** Days from `attributes.signupDate` to `c`, at least 0; null without a valid signupDate. */
  tenureDays: number | null;
  /** `attributes.loyalty.points`, 0 without a loyalty account. */
  loyaltyPoints: number;
  /** Years from `attributes.birthDate` to `c` (365.25-day years); null without a valid birthDate. */
  ageYears: number | null;
}

/**
 * The shop features of a profile at `cutoff` (see {@link ShopTruthFeatures}). Events after the
 * cutoff, and events without a valid timestamp, are ignored; the order of the events does not matter.
 */
export function shopTruthFeatures(
  events: readonly TruthEvent[],
  attributes: Record<string, unknown> | null | undefined,
  cutoff: Date,
): ShopTruthFeatures {
  const c = cutoff.getTime();
  let last = Number.NEGATIVE_INFINITY;
  let lastPurchase = Number.NEGATIVE_INFINITY;
  let firstPurchase180 = Number.POSITIVE_INFINITY;
  let purchases180 = 0;
  // Revenue in integer cents: the sum does not depend on the order of the events.
  let revenueCents = 0;
  let productViews90 = 0;
  let categoryViews90 = 0;
  let topicTickets90 = 0;
  let otherTickets90 = 0;
  // Bit d of a mask: an event in the d-th 24 hours back from the cutoff (d < 30).
  let days30 = 0;
  let daysPrev30 = 0;
  for (const event of events) {
    const t = timeOf(event.timestamp);
    if (t === undefined || t > c) continue;
    if (t > last) last = t;
    const day = Math.floor((c - t) / DAY_MS);
    if (day < 30) days30 |= 1 << day;
    else if (day < 60) daysPrev30 |= 1 << (day - 30);
    const age = (c - t) / DAY_MS;
    switch (event.type) {
      case "purchase": {
        if (t > lastPurchase) lastPurchase = t;
        if (age < CADENCE_DAYS) {
          purchases180++;
          if (t < firstPurchase180) firstPurchase180 = t;
        }
        const revenue = event.properties?.revenue;
        if (age < LOOKBACK_DAYS && typeof revenue === "number" && Number.isFinite(revenue))
          revenueCents += Math.round(revenue * 100);
        break;
      }
      case "productView":
        if (age < LOOKBACK_DAYS) {
          productViews90++;
          if (categoryOf(event.properties?.product) === SHOP_CATEGORY) categoryViews90++;
        }
        break;
      case "supportTicket":
        if (age < LOOKBACK_DAYS) {
          if (event.properties?.topic === SHOP_TICKET_TOPIC) topicTickets90++;
          else otherTickets90++;
        }
        break;
    }
  }

  // Carts after the last purchase: a second pass, now that the last purchase is known.
  let cartsSincePurchase = 0;
  let lastCart = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.type !== "addToCart") continue;
    const t = timeOf(event.timestamp);
    if (t === undefined || t > c || t <= lastPurchase || c - t >= LOOKBACK_DAYS * DAY_MS) continue;
    cartsSincePurchase++;
    if (t > lastCart) lastCart = t;
  }

  let meanPurchaseGapDays: number | null = null;
  let overdue: number | null = null;
  if (purchases180 >= 2) {
    meanPurchaseGapDays = Math.max(
      MIN_GAP_DAYS,
      (lastPurchase - firstPurchase180) / DAY_MS / (purchases180 - 1),
    );
    overdue = (c - lastPurchase) / DAY_MS / meanPurchaseGapDays;
  }
  const signup = dateOf(attributes?.signupDate);
  const birth = dateOf(attributes?.birthDate);
  return {
    recencyDays:
      last > Number.NEGATIVE_INFINITY ? Math.min(RECENCY_CAP_DAYS, (c - last) / DAY_MS) : RECENCY_CAP_DAYS,
    revenue90: revenueCents / 100,
    purchases180,
    meanPurchaseGapDays,
    overdue,
    cartsSincePurchase,
    abandonedCartDays: lastCart > Number.NEGATIVE_INFINITY ? (c - lastCart) / DAY_MS : null,
    productViews90,
    categoryShare: productViews90 > 0 ? categoryViews90 / productViews90 : 0,
    topicTickets90,
    otherTickets90,
    activeDays30: bitCount(days30),
    activeDaysPrev30: bitCount(daysPrev30),
    premium: attributes?.plan === "premium" ? 1 : 0,
    plus: attributes?.plan === "plus" ? 1 : 0,
    emailOptIn: attributes?.emailOptIn === true ? 1 : 0,
    tenureDays: signup === undefined ? null : Math.max(0, (c - signup) / DAY_MS),
    loyaltyPoints: loyaltyPointsOf(attributes),
    ageYears: birth === undefined ? null : (c - birth) / YEAR_MS,
  };
}

function categoryOf(product: unknown): unknown {
  return typeof product === "object" && product !== null
    ? (product as { category?: unknown }).category
    : undefined;
}

function loyaltyPointsOf(attributes: Record<string, unknown> | null | undefined): number {
  const loyalty = attributes?.loyalty;
  if (typeof loyalty !== "object" || loyalty === null) return 0;
  const points = (loyalty as { points?: unknown }).points;
  return typeof points === "number" && Number.isFinite(points) && points > 0 ? points : 0;
}

/** Epoch ms of an ISO date or instant attribute, or undefined. */
function dateOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n++;
  return n;
}
