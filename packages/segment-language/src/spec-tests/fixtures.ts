/**
 * Shared fixtures for the spec tests: one table per rule of docs/segment-language.md, each row
 * `[definition, profile, expected, "the spec sentence it checks"]`, in the style of sift's
 * comparison tests. Everything here is read from the spec, never from the implementation.
 */
import { expect } from "vitest";
import {
  checkSegments,
  compileSegments,
  type LanguageError,
  type Profile,
  type ProfileEvent,
  type SegmentDefinition,
} from "../index.js";

/** The fixed evaluation instant of every table unless a row says otherwise. */
export const NOW_ISO = "2026-11-29T12:00:00.000Z";
export const NOW = Date.parse(NOW_ISO);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** ISO text of `now + deltaMs` (negative for the past). */
export function at(deltaMs: number, now = NOW): string {
  return new Date(now + deltaMs).toISOString();
}

/** ISO text of `now - ms`. */
export function ago(ms: number, now = NOW): string {
  return at(-ms, now);
}

/** The profile of the spec's "What an expression sees". */
export const specProfile: Profile = {
  id: "p-001",
  attributes: {
    country: "US",
    loyalty: { tier: "gold", points: 1200 },
    tags: ["runner", "newsletter"],
    birthDate: "1990-05-01",
  },
  events: [{ type: "search", timestamp: "2026-11-20T10:00:00Z", properties: { keywords: "running shoes" } }],
  scores: { churn: { score: 87, percentile: 95, bucket: "high" } },
};

/** A profile with nothing but an id. */
export const bare: Profile = { id: "p-bare" };

/** A profile whose stored sections are all null. */
export const nulls: Profile = { id: "p-nulls", attributes: null, events: null, scores: null };

/** A profile with the given attributes (and optionally events / scores). */
export function attrs(
  attributes: Record<string, unknown>,
  rest: { events?: ProfileEvent[]; scores?: Record<string, unknown> } = {},
): Profile {
  return { id: "p-attrs", attributes, ...rest };
}

/** A profile with the given events (and optionally attributes). */
export function evts(events: ProfileEvent[], attributes: Record<string, unknown> = {}): Profile {
  return { id: "p-events", attributes, events };
}

/** An event of `type` at ISO `timestamp` with `properties`. */
export function ev(type: unknown, timestamp: unknown, properties?: unknown): ProfileEvent {
  return properties === undefined ? { type, timestamp } : { type, timestamp, properties };
}

/** Compiles `[{ id: "s", definition }]` and evaluates it on `profile` at `now`. */
export function holds(definition: string, profile: Profile, now = NOW): boolean {
  const compiled = compileSegments([{ id: "s", definition }]);
  const result = compiled.evaluate(profile, now)[0];
  if (typeof result !== "boolean") throw new Error(`evaluate gave ${String(result)}, not a boolean`);
  return result;
}

/** Compiles a set of segments and returns each one's membership for `profile` at `now`. */
export function membership(defs: SegmentDefinition[], profile: Profile, now = NOW): Record<string, boolean> {
  const compiled = compileSegments(defs);
  const values = compiled.evaluate(profile, now);
  return Object.fromEntries(compiled.ids.map((id, i) => [id, values[i]!]));
}

/** A definition string is shorthand for `[{ id: "s", definition }]`. */
export function asDefs(defs: string | SegmentDefinition[]): SegmentDefinition[] {
  return typeof defs === "string" ? [{ id: "s", definition: defs }] : defs;
}

/** `checkSegments(defs).errors`. */
export function errorsOf(defs: string | SegmentDefinition[]): LanguageError[] {
  return checkSegments(asDefs(defs)).errors;
}

/** One evaluation row: definition, profile, expected membership, the spec sentence, optional now. */
export type Row = readonly [
  definition: string,
  profile: Profile,
  expected: boolean,
  rule: string,
  now?: number,
];

export interface Case {
  name: string;
  definition: string;
  profile: Profile;
  expected: boolean;
  rule: string;
  now: number;
}

/** Turns rows into named cases for `it.each(...)("$name", ...)`. */
export function cases(rows: readonly Row[]): Case[] {
  return rows.map(([definition, profile, expected, rule, now]) => ({
    name: `${definition.replace(/\s+/g, " ")} → ${expected}  [${rule}]`,
    definition,
    profile,
    expected,
    rule,
    now: now ?? NOW,
  }));
}

/** The body shared by every evaluation table. */
export function checkCase({ definition, profile, expected, now }: Case): void {
  expect(errorsOf(definition), "the definition must check").toEqual([]);
  expect(holds(definition, profile, now)).toBe(expected);
}

/** A 1-based position written `"line:column"`, as error messages write it. */
export type Pos = `${number}:${number}`;

/** What a rejected definition must report. */
export interface ExpectedError {
  /** Segment the error is reported under; default `"s"`. */
  id?: string;
  /** Exact position, or the positions that are all acceptable readings of the spec. */
  at?: Pos | readonly Pos[];
  /** Essential words the reason must contain (strings) or match (regexps). */
  reason?: readonly (string | RegExp)[];
}

/** One rejection row: definitions, what must be reported, the spec sentence. */
export type ErrorRow = readonly [defs: string | SegmentDefinition[], expected: ExpectedError, rule: string];

export interface ErrorCase {
  name: string;
  defs: SegmentDefinition[];
  expected: ExpectedError;
  rule: string;
}

export function errorCases(rows: readonly ErrorRow[]): ErrorCase[] {
  return rows.map(([defs, expected, rule]) => {
    const list = asDefs(defs);
    const text = list.map((d) => `${d.id}: ${d.definition}`).join(" | ");
    return { name: `${JSON.stringify(text)} rejected  [${rule}]`, defs: list, expected, rule };
  });
}

/**
 * Every error must be well formed (1-based position, one-line reason, the documented message);
 * at least one error must be under the expected id, at the expected position, with the words.
 */
export function checkErrorCase({ defs, expected }: ErrorCase): LanguageError[] {
  const errors = errorsOf(defs);
  expect(errors.length, "the definitions must be rejected").toBeGreaterThan(0);
  for (const e of errors) expectWellFormed(e);
  const id = expected.id ?? "s";
  const mine = errors.filter((e) => e.segmentId === id);
  expect(
    mine.length,
    `an error under segment ${JSON.stringify(id)}: ${JSON.stringify(errors)}`,
  ).toBeGreaterThan(0);
  const matching = mine.filter((e) => positionMatches(e, expected.at) && reasonMatches(e, expected.reason));
  expect(
    matching.length,
    `expected an error at ${JSON.stringify(expected.at)} with ${String(expected.reason)}; got ${JSON.stringify(mine)}`,
  ).toBeGreaterThan(0);
  return errors;
}

function positionMatches(e: LanguageError, at: ExpectedError["at"]): boolean {
  if (at === undefined) return true;
  const options: readonly Pos[] = typeof at === "string" ? [at] : at;
  return options.includes(`${e.line}:${e.column}`);
}

function reasonMatches(e: LanguageError, words: ExpectedError["reason"]): boolean {
  return (words ?? []).every((w) => (typeof w === "string" ? e.reason.includes(w) : w.test(e.reason)));
}

/** The shape every error has ("Errors": segment id, line and column, a one-line reason). */
export function expectWellFormed(e: LanguageError): void {
  expect(Number.isInteger(e.line) && e.line >= 1, `line of ${JSON.stringify(e)}`).toBe(true);
  expect(Number.isInteger(e.column) && e.column >= 1, `column of ${JSON.stringify(e)}`).toBe(true);
  expect(e.reason.length).toBeGreaterThan(0);
  expect(e.reason).not.toMatch(/[\r\n]/);
  expect(e.message).toBe(`segment ${JSON.stringify(e.segmentId)}: ${e.line}:${e.column}: ${e.reason}`);
}
