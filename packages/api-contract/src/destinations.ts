/** `/v1/destinations`: webhook destinations of the membership feed, their dead letters and replays. */
import { z } from "zod";
import { IsoDate } from "./common.js";
import { response } from "./registry.js";

export const DestinationResponse = response(
  "Destination",
  z.object({
    id: z.string(),
    url: z.string(),
    secretSet: z
      .boolean()
      .meta({ description: "whether a signing secret is stored; the secret itself is never answered" }),
    segments: z
      .array(z.string())
      .nullable()
      .meta({ description: "the segments whose changes it receives; null: every segment" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  }),
);
export type DestinationResponse = z.infer<typeof DestinationResponse>;

export const DestinationListResponse = response(
  "DestinationList",
  z.object({ destinations: z.array(DestinationResponse) }),
);

export const DeadLetterResponse = response(
  "DeadLetter",
  z.object({
    id: z.string().meta({ description: "the delivery id (the X-Segflow-Delivery header)" }),
    changes: z.number().int().meta({ description: "how many membership changes it carries" }),
    attempts: z.number().int().meta({ description: "POSTs made, replays included" }),
    lastError: z.string().nullable().meta({ description: "why the last attempt failed" }),
    lastStatusCode: z
      .number()
      .int()
      .nullable()
      .meta({ description: "the last answer's HTTP status; null when none came (timeout, no connection)" }),
    replays: z.number().int(),
    createdAt: IsoDate,
    deadAt: IsoDate.nullable(),
  }),
);
export type DeadLetterResponse = z.infer<typeof DeadLetterResponse>;

export const DeadLetterListResponse = response(
  "DeadLetterList",
  z.object({
    destinationId: z.string(),
    deadLetters: z.array(DeadLetterResponse),
    next: z
      .string()
      .nullable()
      .meta({ description: "pass as `after` for the next page; null on the last page" }),
  }),
);

export const ReplayResponse = response(
  "Replay",
  z.object({
    destinationId: z.string(),
    replayed: z.array(
      z.object({
        deliveryId: z.string(),
        jobId: z.string().meta({ description: "the deliver job queued for this replay" }),
        replay: z.number().int().meta({ description: "1 for its first replay, 2 for the next, …" }),
        changes: z.number().int(),
      }),
    ),
  }),
);
export type ReplayResponse = z.infer<typeof ReplayResponse>;
