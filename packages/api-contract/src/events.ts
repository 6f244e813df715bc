/** `/v1/events`. */
import { z } from "zod";
import { Rejected } from "./common.js";
import { response } from "./registry.js";

export const AcceptedEventsResponse = response(
  "AcceptedEventsResponse",
  z.object({
    accepted: z.number().int().meta({ description: "events stored" }),
    rejected: Rejected,
  }),
);
