/**
 * `nextChangeInstant` against the reference interpreter (src/testing/interpreter.ts) on random
 * segment sets, profiles and instants: with t the answer, the memberships at every instant in
 * (now, t) are those at now. When there is no answer, they stay so for decades.
 *
 * Random instants alone would rarely land where a membership changes (a comparison with `now`
 * can hold for 1 ms), so each case also checks the instants where a change could be: every
 * instant of the profile and the definitions, shifted by sums of the definitions' durations,
 * by whole days and by calendar years, and 1 ms either side. A change the analysis missed is
 * at one of those.
 *
 * A failure prints fast-check's seed and path; rerun with `{ seed, path }` to replay it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr } from "../ast.js";
import { checkSegments, formatExpr, nextChangeInstant, type Profile, parseInstant } from "../index.js";
import { addCalendarYears } from "../instant.js";
import { mapExpr, NOWS, profileArb, segmentSetArb, timeProfileArb, timeRootArb } from "../testing/index.js";
import { interpret } from "../testing/interpreter.js";
import { walk } from "../walk.js";
import { TimeAnalysis } from "./analysis.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Candidate instants checked per case: the earliest ones, then a random choice of the rest. */
const EARLIEST = 40;
const SAMPLED = 40;

/** How far from the data's `now` the analysis is run: both sides of events, windows and days. */
const shiftArb = fc.oneof(
  fc.constantFrom(0, 1, -1, HOUR, -HOUR, 12 * HOUR, -DAY, DAY + 1, -2 * DAY, 7 * DAY, -30 * DAY, 45 * DAY),
  fc.integer({ min: -60 * DAY, max: 60 * DAY }),
);

/** Now and then a duration a fraction of a millisecond long, which the analysis cannot follow exactly. */
function skewDurations(root: Expr, skew: boolean): Expr {
  if (!skew) return root;
  return mapExpr(root, (e) =>
    e.kind === "duration" && e.unit === "minute" ? { ...e, amount: e.amount + 0.0000001 } : e,
  );
}

/** Cases from the general arbitraries (`favourTime` false) or from those that favour time. */
const caseArb = (favourTime: boolean) =>
  fc.constantFrom(...NOWS).chain((base) =>
    fc.record({
      base: fc.constant(base),
      shift: shiftArb,
      segments: favourTime ? segmentSetArb(base, 3, timeRootArb(base)) : segmentSetArb(base),
      profile: favourTime ? timeProfileArb(base) : profileArb(base),
      skew: fc.boolean(),
      /** Fractions of (now, t), and offsets into the future when there is no t. */
      fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      far: fc.array(fc.integer({ min: 1, max: 30 * YEAR }), { minLength: 4, maxLength: 4 }),
      pick: fc.infiniteStream(fc.nat()),
    }),
  );

/** Every instant the profile holds: timestamps, stored dates, strings that read as instants. */
function profileInstants(v: unknown, out: number[]): void {
  if (typeof v === "string") {
    const ms = parseInstant(v);
    if (ms !== undefined) out.push(ms);
  } else if (v instanceof Date) {
    if (!Number.isNaN(v.getTime())) out.push(v.getTime());
  } else if (Array.isArray(v)) {
    for (const x of v) profileInstants(x, out);
  } else if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) profileInstants(x, out);
  }
}

/** Instants where a membership could change, in (now, until). */
function candidates(roots: Expr[], profile: Profile, now: number, until: number): number[] {
  const instants: number[] = [now];
  profileInstants(profile, instants);
  const durations = new Set<number>();
  for (const root of roots) {
    for (const e of walk(root)) {
      if (e.kind === "date") instants.push(e.epochMs);
      if (e.kind === "string") profileInstants(e.value, instants);
      if (e.kind === "duration") durations.add(e.ms);
    }
  }
  const ds = [...durations];
  const shifts = new Set<number>([0]);
  for (const a of ds) {
    shifts
      .add(a)
      .add(-a)
      .add(a / 2)
      .add(-a / 2);
    for (const b of ds)
      shifts
        .add(a + b)
        .add(a - b)
        .add(-a - b);
  }
  const out = new Set<number>();
  const add = (t: number) => {
    for (const e of [-1, 0, 1]) {
      const x = Math.floor(t) + e;
      if (x > now && x < until) out.add(x);
    }
    const c = Math.ceil(t);
    if (c > now && c < until) out.add(c);
  };
  for (const x of new Set(instants)) {
    for (const s of shifts) {
      const y = x + s;
      add(y);
      // Day steps (daysSince) and anniversaries (yearsSince) of y after now.
      const k = Math.floor((now - y) / DAY);
      for (let i = 1; i <= 2; i++) add(y + (k + i) * DAY);
      const n = new Date(now).getUTCFullYear() - new Date(y).getUTCFullYear();
      if (Number.isFinite(n)) for (let i = -1; i <= 2; i++) add(addCalendarYears(y, n + i));
    }
  }
  for (const s of shifts) {
    // yearsSince(now + s) may step when the date of now + s does.
    const midnight = (Math.floor((now + s) / DAY) + 1) * DAY - s;
    add(midnight);
    add(midnight + DAY);
  }
  return [...out].sort((a, b) => a - b);
}

describe("nextChangeInstant vs reference interpreter", () => {
  it.each([
    ["definitions and profiles that favour time", true, 400],
    ["the general arbitraries", false, 150],
  ] as const)(
    "no membership changes before the answer (or ever, without one): %s",
    (_, favourTime, numRuns) => {
      fc.assert(
        fc.property(caseArb(favourTime), (c) => {
          const now = c.base + c.shift;
          const roots = c.segments.map((s) => skewDurations(s.ast.root, c.skew));
          const defs = c.segments.map((s, i) => ({ id: s.id, definition: formatExpr(roots[i]!) }));
          const checked = checkSegments(defs);
          expect(checked.errors).toEqual([]);
          const asts = checked.segments.map((s) => ({ id: s.id, ast: s.ast }));
          const t = nextChangeInstant(checked, c.profile, now);
          const before = interpret(asts, c.profile, now);
          // The analysis evaluates the definitions as it goes: it must find the same memberships.
          const analysis = new TimeAnalysis(new Map(asts.map((s) => [s.id, s.ast])), c.profile, now);
          expect(asts.map((s) => analysis.segment(s.id).holds)).toEqual(before);

          const until = t ?? now + 30 * YEAR;
          const found = candidates(
            asts.map((s) => s.ast.root),
            c.profile,
            now,
            until,
          );
          const picks = found.slice(0, EARLIEST);
          const rest = found.slice(EARLIEST);
          for (let i = 0; i < SAMPLED && rest.length > 0; i++)
            picks.push(rest[c.pick.next().value % rest.length]!);
          if (t !== undefined) {
            expect(t).toBeGreaterThan(now);
            if (t - 1 > now) picks.push(t - 1, now + 1);
            for (const f of c.fractions) picks.push(now + 1 + Math.floor(f * (t - now - 1)));
          } else {
            for (const d of c.far) picks.push(now + d);
          }
          const show = () =>
            [
              `now = ${new Date(now).toISOString()}, answer = ${t === undefined ? "none" : new Date(t).toISOString()}`,
              ...defs.map((d) => `segment ${JSON.stringify(d.id)}: ${d.definition}`),
              `profile: ${JSON.stringify(c.profile)}`,
            ].join("\n");
          for (const at of picks) {
            if (at <= now || (t !== undefined && at >= t)) continue;
            const later = interpret(asts, c.profile, at);
            expect(later, `${show()}\nchanged at ${new Date(at).toISOString()}`).toEqual(before);
          }
        }),
        { numRuns },
      );
    },
  );
});
