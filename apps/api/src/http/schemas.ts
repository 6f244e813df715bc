/**
 * The building blocks of request schemas, shared by the resources (apps/api/README.md,
 * "Routes"): limits, instants, ids, storable JSON objects, cron patterns. Each resource's `schemas.ts` builds its
 * bodies and queries from them; responses are in @segflow/api-contract. A schema given a name
 * with {@link request} is a component of the OpenAPI document.
 */

import { named } from "@segflow/api-contract";
import { parseInstant } from "@segflow/segment-language";
import { SEGMENT_ID } from "@segflow/store";
import { z } from "zod";
import { cronProblem } from "./cron.js";

export const LIMITS = {
  profilesPerRequest: 1000,
  eventsPerRequest: 5000,
  /** Latest events `GET /v1/profiles/:id?events=N` returns at most. */
  eventsPerProfileRead: 1000,
  /** Membership changes `GET /v1/profiles/:id/memberships?limit=N` returns: default and most. */
  membershipChanges: { default: 100, max: 1000 },
  /** Dead letters `GET /v1/destinations/:id/dead-letters?limit=N` returns per page: default and most. */
  deadLetters: { default: 100, max: 1000 },
  idLength: 256,
  /** A page cursor (`after`): what `next` answered, well under this. */
  cursorLength: 512,
  /** A name in a list of names (a model's attribute paths and event types). */
  listItemLength: 256,
  definitionLength: 65_536,
  nameLength: 200,
  /** Nesting of attributes, scores and properties (MongoDB stops at 100). */
  depth: 32,
  sampleSize: { default: 2000, max: 20_000 },
  segmentsPerRequest: 1000,
} as const;

/** Request shapes named in the OpenAPI document (described as clients send them). */
export const requestSchemas = z.registry<{ id: string }>();

/** A request shape named `id` in the document. */
export const request = <S extends z.ZodType>(id: string, schema: S): S => named(requestSchemas, id, schema);

/** A strict ISO 8601 instant (docs/segment-language.md, "Instants and durations"), read as a Date. */
export const Instant = z
  .string()
  .transform((s, ctx) => {
    const ms = parseInstant(s);
    if (ms === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `not an ISO 8601 instant (e.g. "2026-01-31T12:00:00Z"): ${JSON.stringify(s.slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return new Date(ms);
  })
  // Not `format: date-time`: a date alone ("2026-01-31") is an instant too (midnight UTC).
  .meta({ description: "ISO 8601 instant, e.g. 2026-01-31T12:00:00Z or 2026-01-31 (UTC when no offset)" });

/** A lone UTF-16 surrogate: BSON stores UTF-8, so it would come back as U+FFFD, a different string. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a field name cannot be stored, or undefined when it can (docs/segment-language.md,
 * "Field names"). MongoDB's dot notation reads `a.b` as two names and `$x` as an operator, so no
 * update or query could name such a field; an empty name no path of the language can read.
 */
function keyProblem(key: string): string | undefined {
  const shown = JSON.stringify(key);
  if (key === "") return "empty key: a path cannot name it";
  if (key.includes(".")) return `key ${shown} contains "."`;
  if (key.startsWith("$")) return `key ${shown} starts with "$"`;
  if (key.includes("\0")) return `key ${shown} contains a NUL character`;
  if (LONE_SURROGATE.test(key)) return `key ${shown} is not well-formed Unicode (a lone surrogate)`;
  return undefined;
}

/** Why a JSON value cannot be stored as given (it would read back different), or undefined. */
function valueProblem(value: unknown): string | undefined {
  if (typeof value === "string" && LONE_SURROGATE.test(value))
    return "not well-formed Unicode (a lone surrogate)";
  // JSON.parse reads 1e400 as Infinity, which JSON cannot give back.
  if (typeof value === "number" && !Number.isFinite(value)) return "number out of range of a double";
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A JSON object MongoDB stores as given and gives back equal: field names as {@link keyProblem}
 * allows, strings of well-formed Unicode, finite numbers, nested at most {@link LIMITS.depth}
 * levels. The object itself is kept, not copied: a copy would drop a `__proto__` key.
 */
export const StorableObject = z
  .custom<Record<string, unknown>>(isPlainObject, "expected an object")
  .superRefine((value, ctx) => {
    const visit = (v: unknown, path: (string | number)[], depth: number): void => {
      if (depth > LIMITS.depth) {
        ctx.addIssue({ code: "custom", path, message: `nested deeper than ${LIMITS.depth} levels` });
        return;
      }
      const problem = valueProblem(v);
      if (problem) ctx.addIssue({ code: "custom", path, message: problem });
      if (Array.isArray(v)) {
        for (const [i, item] of v.entries()) visit(item, [...path, i], depth + 1);
      } else if (isPlainObject(v)) {
        for (const [key, item] of Object.entries(v)) {
          const bad = keyProblem(key);
          if (bad) ctx.addIssue({ code: "custom", path: [...path, key], message: bad });
          else visit(item, [...path, key], depth + 1);
        }
      }
    };
    visit(value, [], 1);
  })
  .meta({
    type: "object",
    additionalProperties: true,
    description:
      'JSON object; keys are not empty, contain no ".", do not start with "$"; nested at most 32 levels',
  });

/** Text that reads back as sent (see {@link LONE_SURROGATE}). */
export const WellFormed = (s: string) => !LONE_SURROGATE.test(s);

export const ProfileId = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .refine(WellFormed, "not well-formed Unicode (a lone surrogate)");

export const SegmentId = z
  .string()
  .regex(SEGMENT_ID, "letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters");

/** Source text; an empty or wrong definition is reported by the language checker, with its position. */
export const Definition = z
  .string()
  .max(LIMITS.definitionLength)
  .meta({ description: "segment-language source" });

/** A cron pattern, checked with the parser BullMQ's job schedulers use (cron.ts). */
export const CronPattern = z
  .string()
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const Schedule = CronPattern.nullable().meta({
  description: 'cron pattern for scheduled evaluation (e.g. "0 3 * * *"), or null for none',
});

/** A path with one id: `/…/:id`. */
export const IdParams = (description: string) =>
  z.strictObject({ id: z.string().max(LIMITS.idLength).meta({ description }) });
