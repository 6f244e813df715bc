/**
 * Request shapes of `/v1/models` (apps/api/README.md, "Models"; responses are in
 * @segflow/api-contract). The fields of a model are propensity's own `ModelDefinition` schemas
 * (`ModelSpec` and the id), described here for the OpenAPI document: the API accepts exactly what
 * the trainer will read, with the same defaults, and the same document `segflow propensity fit
 * --model` reads. What the API adds: cron checks on the schedules, length limits on the
 * expressions and names, and (for `PUT`) `null` to remove an optional field.
 */
import { ModelDefinition } from "@segflow/propensity/spec";
import { z } from "zod";
import { CronPattern, Instant, LIMITS, request } from "../http/schemas.js";

const spec = ModelDefinition.shape;

const ModelSchedule = z
  .strictObject({
    train: CronPattern.optional().meta({
      description: 'retrain on this cron pattern, e.g. "0 3 * * 1" (a new version each time)',
    }),
    score: CronPattern.optional().meta({
      description: "rescore every eligible profile with the active version on this cron pattern",
    }),
  })
  .meta({
    description: "BullMQ job schedulers; a schedule given replaces the stored one whole ({} removes both)",
  });

/** What each field means, for the OpenAPI document (propensity's `ModelSpec` has the rules). */
const about = (description: string) => ({ description });
const ABOUT = {
  name: about("what the model predicts, for people"),
  type: about("conversion: the goal occurs within the window (positive); churn: it does not"),
  goal: about('an event filter in the segment language, e.g. type = "purchase"'),
  windowDays: about("prediction window in days: does the goal occur in the days after the cutoff?"),
  lookbackDays: about("history read for features, in days"),
  eligible: about(
    "a segment expression: only the profiles it selects (as of each cutoff) are trained and scored; " +
      "inSegment is not available here",
  ),
  attributes: about(
    "attribute paths used as features (dotted, e.g. loyalty.tier); empty or absent: every attribute with usable coverage is considered",
  ),
  eventTypes: about("event types counted as features; when absent, the 20 most frequent types in the data"),
  buckets: about("bucket thresholds on the 0-100 score: low below medium, high from high up"),
  dataChecks: about("least positive and negative training examples: below them, training fails saying so"),
  minAuc: about("a version whose validation AUC is under this is kept as poor and never scored"),
};

/** propensity bounds the lists' lengths; the API bounds each name in them too. */
const namesFit = (names: readonly string[]) => names.every((n) => n.length <= LIMITS.listItemLength);
const NAMES_FIT = `each at most ${LIMITS.listItemLength} characters`;

const Name = spec.name.meta(ABOUT.name);
const Type = spec.type.meta(ABOUT.type);
const Goal = spec.goal.max(LIMITS.definitionLength).meta(ABOUT.goal);
const WindowDays = spec.windowDays.meta(ABOUT.windowDays);
const Eligible = spec.eligible.unwrap().max(LIMITS.definitionLength).meta(ABOUT.eligible);
const EventTypes = spec.eventTypes.unwrap().refine(namesFit, NAMES_FIT).meta(ABOUT.eventTypes);

// ---- requests ----

/**
 * The fields with defaults take them from `ModelSpec` itself, so the two cannot disagree; and the
 * body has exactly the fields of `ModelDefinition` (`satisfies` fails the build otherwise), so a
 * model file the CLI fits is never refused here for an unknown field, nor the reverse.
 */
const createFields = {
  id: spec.id.meta({ description: "generated from the name when absent" }),
  name: Name,
  type: Type,
  goal: Goal,
  windowDays: WindowDays,
  lookbackDays: spec.lookbackDays.meta(ABOUT.lookbackDays),
  eligible: Eligible.optional(),
  attributes: spec.attributes.refine(namesFit, NAMES_FIT).meta(ABOUT.attributes),
  eventTypes: EventTypes.optional(),
  schedule: ModelSchedule.default({}),
  buckets: spec.buckets.meta(ABOUT.buckets),
  dataChecks: spec.dataChecks.meta(ABOUT.dataChecks),
  minAuc: spec.minAuc.meta(ABOUT.minAuc),
} satisfies { [Field in keyof typeof spec]: z.ZodType };

export const CreateModelBody = request("CreateModelRequest", z.strictObject(createFields));

/** Each field given replaces the stored one whole; `null` removes `eligible` or `eventTypes`. */
export const UpdateModelBody = request(
  "UpdateModelRequest",
  z
    .strictObject({
      name: Name.optional(),
      type: Type.optional(),
      goal: Goal.optional(),
      windowDays: WindowDays.optional(),
      // Without their defaults: a field left out stays as stored.
      lookbackDays: spec.lookbackDays.unwrap().meta(ABOUT.lookbackDays).optional(),
      eligible: Eligible.nullable().optional(),
      attributes: spec.attributes.unwrap().refine(namesFit, NAMES_FIT).meta(ABOUT.attributes).optional(),
      eventTypes: EventTypes.nullable().optional(),
      schedule: ModelSchedule.optional(),
      buckets: spec.buckets.unwrap().meta(ABOUT.buckets).optional(),
      dataChecks: spec.dataChecks.unwrap().meta(ABOUT.dataChecks).optional(),
      minAuc: spec.minAuc.unwrap().meta(ABOUT.minAuc).optional(),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), {
      message: "nothing to update: give at least one field of the model",
    }),
);

export const ModelJobBody = request(
  "ModelJobRequest",
  z.strictObject({
    now: Instant.optional().meta({
      description: "train (labels up to) or score as of this instant; default: when the job runs",
    }),
  }),
);
