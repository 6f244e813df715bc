/**
 * Request and response shapes (design.md, "Contracts"). Requests are parsed with these schemas;
 * responses are built by views.ts and described here for the OpenAPI document, which is
 * generated from this file (openapi.ts), so the docs cannot drift from the validation.
 */
import { parseInstant } from "@segflow/segment-language";
import { SEGMENT_ID } from "@segflow/store";
import { z } from "zod";
import { cronProblem } from "./cron.js";

export const LIMITS = {
  profilesPerRequest: 1000,
  eventsPerRequest: 5000,
  /** Latest events `GET /v1/profiles/:id?events=N` returns at most. */
  eventsPerProfileRead: 1000,
  idLength: 256,
  definitionLength: 65_536,
  nameLength: 200,
  /** Nesting of attributes, scores and properties (MongoDB stops at 100). */
  depth: 32,
  sampleSize: { default: 2000, max: 20_000 },
  segmentsPerRequest: 1000,
} as const;

// ---- building blocks ----

/** A strict ISO 8601 instant (segment-language.md, "Instants"), read as a Date. */
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

/** An instant in a response: always ISO 8601 in UTC. */
export const IsoDate = z.string().meta({ format: "date-time" });

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
const StorableObject = z
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
const WellFormed = (s: string) => !LONE_SURROGATE.test(s);

export const ProfileId = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .refine(WellFormed, "not well-formed Unicode (a lone surrogate)");

export const SegmentId = z
  .string()
  .regex(SEGMENT_ID, "letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters");

/** Source text; an empty or wrong definition is reported by the language checker, with its position. */
const Definition = z.string().max(LIMITS.definitionLength).meta({ description: "segment-language source" });

const Schedule = z
  .string()
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .nullable()
  .meta({ description: 'cron pattern for scheduled evaluation (e.g. "0 3 * * *"), or null for none' });

// ---- requests ----

export const ProfileInput = z.object({
  id: ProfileId,
  attributes: StorableObject,
  scores: StorableObject.optional(),
});

export const UpsertProfilesBody = z
  .object({ profiles: z.array(ProfileInput).min(1).max(LIMITS.profilesPerRequest) })
  .superRefine(({ profiles }, ctx) => {
    const first = new Map<string, number>();
    profiles.forEach((p, i) => {
      const seen = first.get(p.id);
      if (seen === undefined) first.set(p.id, i);
      else {
        ctx.addIssue({
          code: "custom",
          path: ["profiles", i, "id"],
          message: `duplicate id ${JSON.stringify(p.id)} (also at profiles.${seen}.id)`,
        });
      }
    });
  });

export const EventInput = z.object({
  profileId: ProfileId,
  type: z.string().min(1).max(256).refine(WellFormed, "not well-formed Unicode (a lone surrogate)"),
  timestamp: Instant,
  properties: StorableObject.optional(),
});

export const InsertEventsBody = z.object({ events: z.array(EventInput).min(1).max(LIMITS.eventsPerRequest) });

export const ProfileQuery = z.object({
  events: z.coerce
    .number()
    .int()
    .min(0)
    .max(LIMITS.eventsPerProfileRead)
    .default(0)
    .meta({ description: "how many of the profile's latest events to include, newest first" }),
});

export const ExplainQuery = z.object({
  segment: z.string().min(1).max(LIMITS.idLength),
  now: Instant.optional(),
});

export const CreateSegmentBody = z.object({
  id: SegmentId.optional().meta({ description: "generated from the name when absent" }),
  name: z.string().trim().min(1).max(LIMITS.nameLength),
  definition: Definition,
  streaming: z.boolean().optional(),
  schedule: Schedule.optional(),
});

export const UpdateSegmentBody = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.nameLength).optional(),
    definition: Definition.optional(),
    streaming: z.boolean().optional(),
    schedule: Schedule.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "nothing to update: give name, definition, streaming or schedule",
  });

const SegmentDefinitionInput = z.object({ id: SegmentId, definition: Definition });

export const ValidateSegmentsBody = z
  .object({
    definition: Definition.optional(),
    id: SegmentId.optional(),
    segments: z.array(SegmentDefinitionInput).min(1).max(LIMITS.segmentsPerRequest).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.definition === undefined) === (b.segments === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["definition"],
        message: 'give either "definition" (one segment, with an optional "id") or "segments" (a set)',
      });
    }
  })
  .meta({
    description: "one definition ({ definition, id? }) or a set ({ segments: [{ id, definition }] })",
  });

export const EstimateBody = z.object({
  definition: Definition,
  id: SegmentId.optional().meta({ description: "the id it would be stored under (inSegment cycles)" }),
  sampleSize: z.number().int().min(1).max(LIMITS.sampleSize.max).default(LIMITS.sampleSize.default),
  now: Instant.optional(),
});

export const StartEvaluationBody = z.object({
  segmentIds: z.array(SegmentId).max(LIMITS.segmentsPerRequest).optional().meta({
    description: "segments to evaluate (with what they read); all stored segments when absent or empty",
  }),
  now: Instant.optional(),
});

export const IdempotencyKey = z.string().min(1).max(256).optional();

export const ScheduleAllBody = z.object({ schedule: Schedule });

// ---- responses ----

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().meta({
      description: "issues ({ path, message, code }), language errors or rejected items (422), when any",
    }),
  }),
});

export const HealthResponse = z.object({ status: z.literal("ok") });

export const ReadyResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })),
});

export const RejectedItem = z.object({
  index: z.number().int().meta({ description: "position of the item in the request" }),
  id: z.string().meta({ description: "the profile id (for an event, its profileId)" }),
  code: z.enum(["too_large", "duplicate", "invalid_document", "write_error"]),
  message: z.string().meta({ description: "the database's reason" }),
});

const Rejected = z
  .array(RejectedItem)
  .meta({ description: "items the database refused (nothing else was refused); empty when none" });

export const UpsertProfilesResponse = z.object({
  upserted: z.number().int().meta({ description: "profiles written: inserted + updated" }),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: Rejected,
});

export const AcceptedEventsResponse = z.object({
  accepted: z.number().int().meta({ description: "events stored" }),
  rejected: Rejected,
});

const MembershipStatus = z.enum(["realized", "existing", "exited"]);

export const ProfileResponse = z.object({
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  scores: z.record(z.string(), z.unknown()),
  segmentMembership: z.record(
    z.string(),
    z.object({ status: MembershipStatus, lastQualificationTime: IsoDate, runId: z.string() }),
  ),
  segments: z.array(z.string()).meta({ description: "segments the profile is in (realized or existing)" }),
  events: z
    .array(z.object({ type: z.string(), timestamp: IsoDate, properties: z.record(z.string(), z.unknown()) }))
    .optional()
    .meta({ description: "its latest events, newest first, when `events` asked for some" }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

const Position = z.object({ line: z.number().int(), column: z.number().int() });

export const ExplainNode = z.object({
  expression: z.string(),
  at: Position,
  holds: z.boolean().optional(),
  value: z.unknown().optional(),
  missing: z.boolean().optional(),
  matchingEvents: z.number().int().optional(),
  get children() {
    return z.array(ExplainNode);
  },
});

export const ExplainResponse = z.object({
  profileId: z.string(),
  segmentId: z.string(),
  now: IsoDate,
  holds: z.boolean(),
  explanation: z.object({ segmentId: z.string(), holds: z.boolean(), root: ExplainNode }),
});

export const SegmentResponse = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.string(),
  streaming: z.boolean(),
  schedule: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const SegmentListResponse = z.object({ segments: z.array(SegmentResponse) });

export const LanguageErrorResponse = z.object({
  segmentId: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  reason: z.string(),
  message: z.string(),
});

export const ValidateResponse = z.object({ valid: z.boolean(), errors: z.array(LanguageErrorResponse) });

export const EstimateResponse = z.object({
  estimate: z.number().int().meta({ description: "estimated members in the whole population" }),
  sampleSize: z.number().int().meta({ description: "profiles evaluated" }),
  matched: z.number().int(),
  population: z.number().int(),
  interval: z.object({ low: z.number().int(), high: z.number().int(), confidence: z.number() }),
  now: IsoDate,
  buckets: z.object({ from: z.number().int(), count: z.number().int() }),
});

const Counts = z.object({
  realized: z.number().int(),
  existing: z.number().int(),
  exited: z.number().int(),
  total: z.number().int(),
});

const RunStatus = z.enum(["queued", "running", "completed", "failed"]);

export const EvaluationAccepted = z.object({
  id: z.string(),
  status: RunStatus,
  created: z.boolean().meta({ description: "false when the Idempotency-Key named an existing run" }),
});

export const EvaluationResponse = z.object({
  id: z.string(),
  status: RunStatus,
  segmentIds: z.array(z.string()),
  now: IsoDate,
  progress: z.object({
    shardsDone: z.number().int().meta({ description: "shards finished" }),
    shardsTotal: z.number().int(),
    profilesDone: z.number().int().meta({
      description:
        "profiles evaluated: finished shards' and what running shards have reported (about every second)",
    }),
    profilesTotal: z
      .number()
      .int()
      .nullable()
      .meta({
        description:
          "profiles in the store when the run was created (profiles added or removed during the run make it approximate); " +
          "the profiles evaluated once completed; null for runs from before it was recorded",
      }),
    profilesPerSecond: z.number().nullable().meta({
      description: "profiles evaluated per second since the run started; null before the first report",
    }),
    etaSeconds: z.number().int().nullable().meta({
      description:
        "seconds left at the rate so far; null until it can be estimated (and for a failed run), 0 once completed",
    }),
  }),
  counts: z
    .record(z.string(), Counts)
    .meta({ description: "final once completed, else the finished shards so far" }),
  idempotencyKey: z.string().nullable(),
  createdAt: IsoDate,
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
  error: z.string().nullable(),
});

export const EvaluationListResponse = z.object({ evaluations: z.array(EvaluationResponse) });

export const ScheduleResponse = z.object({
  id: z.string(),
  pattern: z.string().nullable(),
  next: IsoDate.nullable(),
  segmentIds: z.array(z.string()).nullable().meta({ description: "null: every stored segment" }),
});

export const ScheduleListResponse = z.object({ schedules: z.array(ScheduleResponse) });

export const ScheduleAllResponse = z.object({ id: z.string(), schedule: ScheduleResponse.nullable() });
