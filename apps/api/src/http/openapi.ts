/**
 * The OpenAPI 3.1 document, generated from the zod schemas of schemas.ts with zod's
 * `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Served at
 * `/openapi.json`; `/docs` shows it with Swagger UI.
 */
import { z } from "zod";
import { modelOps, modelRequests, modelResponses } from "../models/openapi.js";
import { type Operation, operation, pathId } from "./openapi-operation.js";
import * as S from "./schemas.js";

type Meta = { id: string };

/** Request bodies: described as clients send them (`io: "input"`: instants are strings, defaults optional). */
const requests: [z.ZodType, string][] = [
  [S.ProfileInput, "ProfileInput"],
  [S.UpsertProfilesBody, "UpsertProfilesRequest"],
  [S.EventInput, "EventInput"],
  [S.InsertEventsBody, "InsertEventsRequest"],
  [S.CreateSegmentBody, "CreateSegmentRequest"],
  [S.UpdateSegmentBody, "UpdateSegmentRequest"],
  [S.ValidateSegmentsBody, "ValidateSegmentsRequest"],
  [S.EstimateBody, "EstimateRequest"],
  [S.StartEvaluationBody, "StartEvaluationRequest"],
  [S.ScheduleAllBody, "ScheduleAllRequest"],
  ...modelRequests,
];

const responses: [z.ZodType, string][] = [
  [S.ErrorResponse, "Error"],
  [S.HealthResponse, "Health"],
  [S.ReadyResponse, "Readiness"],
  [S.RejectedItem, "RejectedItem"],
  [S.UpsertProfilesResponse, "UpsertProfilesResponse"],
  [S.AcceptedEventsResponse, "AcceptedEventsResponse"],
  [S.ProfileResponse, "Profile"],
  [S.ExplainNode, "ExplainNode"],
  [S.ExplainResponse, "Explanation"],
  [S.SegmentResponse, "Segment"],
  [S.SegmentListResponse, "SegmentList"],
  [S.LanguageErrorResponse, "LanguageError"],
  [S.ValidateResponse, "ValidationResult"],
  [S.EstimateResponse, "Estimate"],
  [S.EvaluationAccepted, "EvaluationAccepted"],
  [S.EvaluationResponse, "Evaluation"],
  [S.EvaluationListResponse, "EvaluationList"],
  [S.ScheduleResponse, "Schedule"],
  [S.ScheduleListResponse, "ScheduleList"],
  [S.ScheduleAllResponse, "ScheduleAllResponse"],
  ...modelResponses,
];

function components(entries: [z.ZodType, string][], io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<Meta>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  // Each schema is a component, not a standalone document.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

/** What happens to a bulk request's items (write-outcome.ts). */
const WRITE_OUTCOME = (items: string) =>
  `Everything the request alone can tell (shape, field names, nesting, size under MongoDB's 16 MiB) is ` +
  `checked first: a 400 names every bad item (\`${items}.3.…\`) and nothing is written. The ${items} are then ` +
  "written in one unordered bulk write: one the database refuses (e.g. a stored profile that would grow " +
  "past 16 MiB) does not stop the others, and is listed in `rejected` with its index, id and reason. " +
  "When the database refuses all of them, the answer is a 422 with the same list in `error.details.rejected`.";

const ops: Record<string, Record<string, Operation>> = {
  "/healthz": {
    get: { summary: "Liveness", tag: "health", open: true, responses: { 200: ["alive", "Health"] } },
  },
  "/readyz": {
    get: {
      summary: "Readiness: Redis and MongoDB answer",
      tag: "health",
      open: true,
      responses: { 200: ["ready", "Readiness"], 503: ["a dependency is down (named)", "Readiness"] },
    },
  },
  "/v1/profiles": {
    post: {
      summary: "Upsert profiles (1..1000)",
      tag: "profiles",
      description: WRITE_OUTCOME("profiles"),
      body: "UpsertProfilesRequest",
      responses: {
        200: ["written, except those listed in rejected", "UpsertProfilesResponse"],
        400: "invalid input or a profile too large to store (each named); nothing was written",
        422: "the database refused every profile (details.rejected); nothing was written",
        503: "the database cannot be reached (Retry-After); resending is safe",
      },
    },
  },
  "/v1/profiles/{id}": {
    get: {
      summary: "A profile with its segment memberships (and, when asked, its latest events)",
      tag: "profiles",
      parameters: [
        pathId("id", "profile id"),
        {
          name: "events",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 0, maximum: S.LIMITS.eventsPerProfileRead, default: 0 },
          description: "how many of its latest events to include, newest first",
        },
      ],
      responses: { 200: ["the profile", "Profile"], 400: "invalid events count", 404: "unknown profile" },
    },
  },
  "/v1/profiles/{id}/explain": {
    get: {
      summary: "Why a profile is or is not in a segment",
      tag: "profiles",
      parameters: [
        pathId("id", "profile id"),
        {
          name: "segment",
          in: "query",
          required: true,
          schema: { type: "string" },
          description: "segment id",
        },
        {
          name: "now",
          in: "query",
          required: false,
          schema: { type: "string", format: "date-time" },
          description: "evaluate as of this instant (default: the current time)",
        },
      ],
      responses: {
        200: ["the explanation tree", "Explanation"],
        400: "bad now",
        404: "unknown profile or segment",
      },
    },
  },
  "/v1/events": {
    post: {
      summary: "Append events (1..5000)",
      tag: "events",
      description: WRITE_OUTCOME("events"),
      body: "InsertEventsRequest",
      responses: {
        202: ["stored, except those listed in rejected", "AcceptedEventsResponse"],
        400: "invalid input or an event too large to store (each named); nothing was written",
        422: "the database refused every event (details.rejected); nothing was written",
        503: "the database cannot be reached (Retry-After); some events may have been stored",
      },
    },
  },
  "/v1/segments": {
    get: { summary: "All segments", tag: "segments", responses: { 200: ["segments", "SegmentList"] } },
    post: {
      summary: "Create a segment",
      tag: "segments",
      body: "CreateSegmentRequest",
      responses: {
        201: ["the stored segment", "Segment"],
        400: "invalid input, or invalid_definition with the language errors (line, column)",
        409: "a segment with this id exists",
      },
    },
  },
  "/v1/segments/validate": {
    post: {
      summary: "Check definitions (with the stored segments) without saving",
      tag: "segments",
      body: "ValidateSegmentsRequest",
      responses: { 200: ["valid, or the language errors", "ValidationResult"], 400: "malformed request" },
    },
  },
  "/v1/segments/estimate": {
    post: {
      summary: "Estimate a definition's size from a random sample, with a 95% interval",
      tag: "segments",
      body: "EstimateRequest",
      responses: { 200: ["the estimate", "Estimate"], 400: "invalid input or definition" },
    },
  },
  "/v1/segments/{id}": {
    get: {
      summary: "One segment",
      tag: "segments",
      parameters: [pathId("id", "segment id")],
      responses: { 200: ["the segment", "Segment"], 404: "unknown segment" },
    },
    put: {
      summary: "Change a segment's name, definition, streaming flag or schedule",
      tag: "segments",
      parameters: [pathId("id", "segment id")],
      body: "UpdateSegmentRequest",
      responses: {
        200: ["the stored segment", "Segment"],
        400: "invalid input or definition",
        404: "unknown segment",
      },
    },
    delete: {
      summary: "Delete a segment (and its schedule)",
      tag: "segments",
      parameters: [pathId("id", "segment id")],
      responses: { 204: "deleted", 404: "unknown segment", 409: "other segments read it (named)" },
    },
  },
  "/v1/evaluations": {
    get: {
      summary: "The latest 50 runs",
      tag: "evaluations",
      responses: { 200: ["runs", "EvaluationList"] },
    },
    post: {
      summary: "Start a batch evaluation run",
      tag: "evaluations",
      body: "StartEvaluationRequest",
      parameters: [
        {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          schema: { type: "string", maxLength: 256 },
          description: "the same key returns the same run, queued once",
        },
      ],
      responses: {
        202: ["queued (or the existing run for the key)", "EvaluationAccepted"],
        400: "invalid input, or no segments",
        404: "unknown segment ids (named)",
      },
    },
  },
  "/v1/evaluations/{id}": {
    get: {
      summary: "A run's status, progress and counts",
      tag: "evaluations",
      parameters: [pathId("id", "run id")],
      responses: { 200: ["the run", "Evaluation"], 404: "unknown run" },
    },
  },
  "/v1/schedules": {
    get: {
      summary: "Scheduled evaluations",
      tag: "schedules",
      responses: { 200: ["schedulers", "ScheduleList"] },
    },
  },
  "/v1/schedules/all": {
    put: {
      summary: "Set (or clear, with null) the schedule of a run of every segment",
      tag: "schedules",
      body: "ScheduleAllRequest",
      responses: { 200: ["the schedule", "ScheduleAllResponse"], 400: "invalid cron pattern" },
    },
  },
};

export function buildOpenApiDocument() {
  const paths = Object.fromEntries(
    Object.entries({ ...ops, ...modelOps }).map(([path, methods]) => [
      path,
      Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(op)])),
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "segflow API",
      version: "0.1.0",
      description:
        "Segments, profiles, events, batch evaluations and propensity models. Send an API key as `Authorization: Bearer <key>` " +
        "(or HTTP Basic with the key as password). Errors are `{ error: { code, message, details } }`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { basicAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "an API key from API_KEYS" },
        basicAuth: { type: "http", scheme: "basic", description: "any user name, an API key as password" },
      },
      schemas: { ...components(requests, "input"), ...components(responses, "output") },
    },
  };
}
