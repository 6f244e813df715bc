/**
 * @segflow/synthetic: a reproducible synthetic population of customer profiles and events with
 * planted behaviour, and each profile's known churn and conversion probabilities from a basic
 * or a shop truth (README.md gives the formulas). Pure: no I/O; the `segflow seed` command
 * writes it out.
 */
export type { SyntheticAttributes } from "./attributes.js";
export type { EventType, SyntheticEvent } from "./behaviour.js";
export { CATEGORIES, type Product, TICKET_TOPICS, TIERS, type Tier } from "./catalog.js";
export { DEMO_SEGMENTS, type DemoSegment } from "./demo-segments.js";
export {
  cutoffOf,
  DEFAULT_EVENTS_PER_PROFILE,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_WINDOW_DAYS,
  generatePopulation,
  type PopulationOptions,
  type SyntheticProfile,
  type TruthKind,
} from "./population.js";
export { createRandom, mulberry32, type Random, streamSeed } from "./random.js";
export {
  CADENCE_DAYS,
  SHOP_CATEGORY,
  SHOP_TICKET_TOPIC,
  type ShopTruthFeatures,
  shopTruthFeatures,
} from "./shop-features.js";
export { SHOP_TRUTH_COEFFICIENTS, shopTruthFor, shopTruthFromFeatures } from "./shop-truth.js";
export {
  type Outcome,
  outcomeOf,
  RECENCY_CAP_DAYS,
  TICKETS_CAP,
  TRUTH_COEFFICIENTS,
  type Truth,
  type TruthEvent,
  type TruthFeatures,
  truthFeatures,
  truthFor,
  truthFromFeatures,
} from "./truth.js";
