/**
 * Grammar words. Keywords and function names are case-insensitive; every grammar word is
 * reserved (cannot start a path unquoted) except the duration units.
 */
import type { DurationUnit } from "./ast.js";

export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "or",
  "and",
  "not",
  "in",
  "between",
  "contains",
  "starts",
  "ends",
  "with",
  "is",
  "null",
  "within",
  "last",
  "true",
  "false",
  "now",
  "date",
  "exists",
  "sequence",
  "insegment",
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "lower",
  "upper",
  "length",
  "abs",
  "dayssince",
  "yearssince",
  "events",
  "where",
]);

export const DURATION_UNITS: Readonly<Record<string, DurationUnit>> = {
  minute: "minute",
  minutes: "minute",
  hour: "hour",
  hours: "hour",
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
};

/** Lower-case spelling → the canonical name of a one-argument function. */
export const FUNCTIONS = {
  lower: "lower",
  upper: "upper",
  length: "length",
  abs: "abs",
  dayssince: "daysSince",
  yearssince: "yearsSince",
} as const;

export const AGGREGATES = { sum: "sum", avg: "avg", min: "min", max: "max" } as const;
