/** Shapes every resource's answers share: instants, the error body, refused items of a bulk write. */
import { z } from "zod";
import { response } from "./registry.js";

/** An instant in a response: always ISO 8601 in UTC. */
export const IsoDate = z.string().meta({ format: "date-time" });

/** Every error answer: `{ error: { code, message, details } }`. */
export const ErrorResponse = response(
  "Error",
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().meta({
        description: "issues ({ path, message, code }), language errors or rejected items (422), when any",
      }),
    }),
  }),
);
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const RejectedItem = response(
  "RejectedItem",
  z.object({
    index: z.number().int().meta({ description: "position of the item in the request" }),
    id: z.string().meta({ description: "the profile id (for an event, its profileId)" }),
    code: z.enum(["too_large", "duplicate", "invalid_document", "write_error"]),
    message: z.string().meta({ description: "the database's reason" }),
  }),
);
export type RejectedItem = z.infer<typeof RejectedItem>;

export const Rejected = z
  .array(RejectedItem)
  .meta({ description: "items the database refused (nothing else was refused); empty when none" });
