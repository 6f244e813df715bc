/**
 * When a membership can change with time alone (docs/segment-language.md, the section of that
 * name): the earliest instant after `now` at which a profile's membership in some segments may
 * change although no event arrives and no attribute changes.
 *
 * Method. With the profile fixed, a definition depends on `now` only through events later than
 * `now` (each comes into existence at its timestamp), `now` itself, `within last`, `daysSince`
 * and `yearsSince`. The analysis (analysis.ts) evaluates the definitions once, at `now`, with
 * the evaluator's value rules, and gives every node a *horizon*: an instant after `now` before
 * which its value cannot change.
 * - Instants and durations computed from `now` are kept as `slope·now + offset` (linear.ts); a
 *   comparison between two of them, or with a fixed instant, changes only where their
 *   difference changes sign: `now - timestamp > 7 days` at `timestamp + 7 days`, `x within last
 *   30 days` at `x` and `x + 30 days`.
 * - `daysSince(x)` steps at `x + k days`, `yearsSince(x)` on the anniversaries of `x` (29 February
 *   on 28 February in common years); compared with a number, only the step that crosses it
 *   counts (thresholds.ts).
 * - An event filter is analysed per event: an existing event may leave the selection at its
 *   filter's horizon, another may enter at its filter's horizon or, if later than `now`, at its
 *   timestamp. `count`, `sum`, `avg`, `min` and `max` may change when any does; `exists` when its
 *   last match leaves or a first one enters; `sequence` (more events can only help it) when a
 *   match leaves if it holds, when one enters if not; `count(…) >= n` when enough have.
 * - `and` is false until its last false operand may change and true until its first operand may;
 *   `or` the other way round; any other node until its first operand may change.
 * - `inSegment` reads the other segment's horizon (computed once per call).
 *
 * Conservative: the answer is never later than the first real change, because each horizon is a
 * lower bound on its node's next change, and combining lower bounds as above keeps them lower
 * bounds. It may be earlier: the membership may still be the same then (a count that drops but
 * stays above its bound, an `or` whose other operand takes over), and the caller re-evaluates and
 * asks again. Where the evaluator's floating-point arithmetic could not be followed exactly (a
 * fractional duration, values beyond 2^50 ms) the answer is a little early, down to `now + 1 ms`.
 */
import type { CheckResult } from "../checker.js";
import { SegmentLanguageError } from "../errors.js";
import type { Profile } from "../profile.js";
import { TimeAnalysis } from "./analysis.js";

/** The last instant a `Date` can hold (year 275760): later changes are not reported. */
const LAST_DATE_MS = 8.64e15;

/**
 * The earliest instant (epoch ms) after `nowMs` at which `profile`'s membership in any of
 * `segmentIds` (all the set's segments when absent) may change with time alone, no event or
 * attribute changing; `undefined` when none of them can change that way. Segments they read
 * through `inSegment` count as far as they can change them. Never later than the true next
 * change; it may be earlier, when evaluating then shows no change (ask again then).
 *
 * Takes the check result the set was compiled from (`compileSegments(checked)`): the analysis
 * reads the definitions' trees, which a compiled set does not keep. Cost: one evaluation-like
 * pass over the profile's events for each distinct event filter.
 *
 * @param nowMs the instant the memberships were evaluated at: integer epoch milliseconds.
 * @throws SegmentLanguageError when the set has errors (as `compileSegments` does); RangeError
 *   for an unknown segment id or a `nowMs` that is not an integer.
 */
export function nextChangeInstant(
  set: CheckResult,
  profile: Profile,
  nowMs: number,
  segmentIds?: readonly string[],
): number | undefined {
  if (set.errors.length > 0) throw new SegmentLanguageError(set.errors);
  if (!Number.isSafeInteger(nowMs)) throw new RangeError(`nowMs must be integer milliseconds, got ${nowMs}`);
  const analysis = new TimeAnalysis(new Map(set.segments.map((s) => [s.id, s.ast])), profile, nowMs);
  let first = Number.POSITIVE_INFINITY;
  for (const id of segmentIds ?? set.segments.map((s) => s.id)) {
    first = Math.min(first, analysis.segment(id).until);
  }
  return first <= LAST_DATE_MS ? first : undefined;
}
