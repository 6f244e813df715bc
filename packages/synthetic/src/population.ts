/**
 * The population generator: one profile at a time from its own seeded stream, so a million
 * profiles never sit in memory and profile i is the same whatever the population's size.
 */
import { drawAttributes, type SyntheticAttributes } from "./attributes.js";
import { activityBetween, type SyntheticEvent, type Timeline } from "./behaviour.js";
import { createRandom, streamSeed } from "./random.js";
import { shopTruthFor } from "./shop-truth.js";
import { drawTraits } from "./traits.js";
import { type Truth, type TruthEvent, truthFor } from "./truth.js";

const DAY_MS = 86_400_000;

export interface PopulationOptions {
  /** How many profiles, ids `p-1` … `p-N` zero-padded to the width of N (`p-00001` for 20,000). */
  profiles: number;
  /** Any safe integer; the same (profiles, seed, now, options) give the same population. */
  seed: number;
  /** The end of the timeline: history and window are measured back from it. */
  now: Date;
  /**
   * Days of events before `now` (history and prediction window together).
   * @defaultValue 180
   */
  historyDays?: number;
  /**
   * The prediction window: the last `windowDays` before `now`, `(now - windowDays, now]`, holds
   * the planted outcome; the truth is a function of what comes before it.
   * @defaultValue 30
   */
  windowDays?: number;
  /**
   * Average number of events per profile over the whole timeline (the spread is wide). Calibrated
   * for 30-day windows: every active window holds at least one event, so much shorter windows
   * (or targets under about 12) give more, much longer windows fewer (README.md).
   * @defaultValue 20
   */
  eventsPerProfile?: number;
  /**
   * Which planted truth draws the outcomes: "basic" ({@link truthFor}, README.md "The truth") or
   * "shop" ({@link shopTruthFor}, README.md "The shop truth": cadence, abandoned carts, browsed
   * category, ticket topic, active days, plan, tenure, age).
   * @defaultValue "basic"
   */
  truth?: TruthKind;
}

/** The planted truths a population can be drawn from. */
export type TruthKind = "basic" | "shop";

const TRUTHS: Record<
  TruthKind,
  (events: readonly TruthEvent[], attributes: SyntheticAttributes, cutoff: Date) => Truth
> = { basic: truthFor, shop: shopTruthFor };

export interface SyntheticProfile {
  id: string;
  attributes: SyntheticAttributes;
  /** Sorted by timestamp, all in `[now - historyDays, now]`. */
  events: SyntheticEvent[];
  /**
   * The known probabilities for the window `(cutoff, now]`: `truthFor(events, attributes,
   * cutoffOf(options))` (`shopTruthFor` with `truth: "shop"`). Earlier windows were planted the
   * same way from the truth at their start.
   */
  truth: Truth;
}

export const DEFAULT_HISTORY_DAYS = 180;
export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_EVENTS_PER_PROFILE = 20;

/** The end of the history and start of the prediction window: `now - windowDays`. */
export function cutoffOf(options: Pick<PopulationOptions, "now" | "windowDays">): Date {
  return new Date(options.now.getTime() - (options.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY_MS);
}

/**
 * Events of a session, on average, and the share of a profile's events that are sessions (the
 * rest are newsletter opens and clicks). Measured on the default population; they turn
 * `eventsPerProfile` into a session rate.
 */
const MEAN_SESSION_EVENTS = 3.8;
const SESSION_SHARE = 0.8;
/** Measured: mean events ≈ FIXED_EVENTS + RATE_EFFICIENCY × the rate's target. */
const FIXED_EVENTS = 5;
const RATE_EFFICIENCY = 0.89;

/**
 * Generates the population lazily. Each profile:
 *
 * 1. draws latent traits (engagement, activity trend, spending power, price sensitivity,
 *    interests, newsletter habits, support proneness) and attributes from them;
 * 2. draws a burn-in of natural activity (at least one session) from `max(now - historyDays,
 *    signup)` to its first window boundary; boundaries are `cutoff - k·windowDays`, the first
 *    one at least a window after the profile's start (the cutoff itself for late sign-ups);
 * 3. then, window by window up to `(cutoff, now]`, computes its truth at the window's start `c`
 *    with {@link truthFor} (or the truth the `truth` option names) from its events so far, and
 *    plants the outcome: it churns (no event at all in `(c, c + windowDays]`) with probability
 *    `truth.churn`; otherwise it converts with probability `truth.conversion / (1 - truth.churn)`,
 *    so a purchase falls in the window with probability `truth.conversion`. A profile that does
 *    not churn has at least one event in the window (its traits decide how many and which), one
 *    that does not convert no purchase.
 *
 * So the truth is the mechanism at every boundary, not only the last: a model trained on an
 * earlier window (a time-based split) learns the same function. `truth` is the one at `cutoff`.
 */
export function* generatePopulation(options: PopulationOptions): Generator<SyntheticProfile> {
  const timeline = timelineOf(options);
  const truthAt = TRUTHS[options.truth ?? "basic"];
  const windowMs = (options.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY_MS;
  const width = String(options.profiles).length;
  for (let index = 1; index <= options.profiles; index++) {
    const random = createRandom(streamSeed(options.seed, index));
    const traits = drawTraits(random);
    const signup = traits.lateSignup
      ? random.uniform(timeline.start, timeline.cutoff - 14 * DAY_MS)
      : timeline.start - random.uniform(0, 3 * 365) * DAY_MS;
    const signupMs = Math.floor(signup / 1000) * 1000;
    const attributes = drawAttributes(random, traits, index, timeline.now, signupMs);
    const activeFrom = Math.max(timeline.start, signupMs);

    // Window boundaries step back from the cutoff; the first window of a profile's history is a
    // burn-in of natural activity (at least one session: a profile never seen has nothing to
    // predict from), every window after it is planted from the truth at its start.
    let firstBoundary = timeline.cutoff;
    while (firstBoundary - windowMs >= activeFrom + windowMs) firstBoundary -= windowMs;
    const events = activityBetween(random, traits, timeline, activeFrom, firstBoundary, "natural", {
      // Someone who signs up during the history does so in a session of their own.
      sessionAtStart: traits.lateSignup,
      atLeastOneEvent: true,
    });
    let truth: Truth = { churn: 0, conversion: 0 };
    for (let boundary = firstBoundary; boundary <= timeline.cutoff; boundary += windowMs) {
      truth = truthAt(events, attributes, new Date(boundary));
      if (random.chance(truth.churn)) continue;
      const converts = random.chance(truth.conversion / (1 - truth.churn));
      // The window is (boundary, boundary + window]: it starts one millisecond after the boundary.
      const end = Math.min(boundary + windowMs, timeline.now);
      for (const event of activityBetween(
        random,
        traits,
        timeline,
        boundary + 1,
        end,
        converts ? "atLeastOne" : "none",
        {
          atLeastOneEvent: true,
        },
      )) {
        events.push(event);
      }
    }
    yield { id: `p-${String(index).padStart(width, "0")}`, attributes, events, truth };
  }
}

function timelineOf(options: PopulationOptions): Timeline {
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const eventsPerProfile = options.eventsPerProfile ?? DEFAULT_EVENTS_PER_PROFILE;
  if (!Number.isInteger(options.profiles) || options.profiles < 0) {
    throw new RangeError(`profiles must be a whole number >= 0, got ${options.profiles}`);
  }
  if (!Number.isSafeInteger(options.seed))
    throw new RangeError(`seed must be a safe integer, got ${options.seed}`);
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new RangeError("now must be a valid Date");
  }
  if (!(windowDays > 0 && historyDays > windowDays && Number.isFinite(historyDays))) {
    throw new RangeError(
      `need 0 < windowDays < historyDays, got windowDays ${windowDays}, historyDays ${historyDays}`,
    );
  }
  if (!(eventsPerProfile > 0 && Number.isFinite(eventsPerProfile))) {
    throw new RangeError(`eventsPerProfile must be a positive number, got ${eventsPerProfile}`);
  }
  if (options.truth !== undefined && !Object.hasOwn(TRUTHS, options.truth)) {
    throw new RangeError(`truth must be one of ${Object.keys(TRUTHS).join(", ")}, got ${options.truth}`);
  }
  const now = options.now.getTime();
  const start = now - historyDays * DAY_MS;
  // Sign-up sessions and the one session of every profile active in the window add about two
  // events whatever the rate, and silent churners lose some: the rate aims past the target.
  const aimed = Math.max(0.3 * eventsPerProfile, (eventsPerProfile - FIXED_EVENTS) / RATE_EFFICIENCY);
  const scale = aimed / DEFAULT_EVENTS_PER_PROFILE;
  // A weekly newsletter at the defaults; denser with more events per profile, sparser over a
  // longer history, so that newsletters stay about a fifth of the events.
  const interval = Math.min(60, Math.max(1, (7 * historyDays) / DEFAULT_HISTORY_DAYS / scale)) * DAY_MS;
  const campaigns: { time: number; name: string }[] = [];
  for (let time = start + interval / 2; time < now; time += interval) {
    const minute = Math.floor(time / 60_000) * 60_000;
    campaigns.push({ time: minute, name: `newsletter-${new Date(minute).toISOString().slice(0, 10)}` });
  }
  return {
    start,
    cutoff: now - windowDays * DAY_MS,
    now,
    sessionsPerProfile: (aimed * SESSION_SHARE) / MEAN_SESSION_EVENTS,
    campaigns,
  };
}
