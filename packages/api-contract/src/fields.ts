/** `/v1/fields`: field names seen in a sample of the data (the console's editor completes them). */
import { z } from "zod";
import { response } from "./registry.js";

export const FieldsResponse = response(
  "Fields",
  z.object({
    attributes: z.array(z.string()).meta({ description: "attribute paths (`loyalty.tier`), sorted" }),
    scores: z.array(z.string()).meta({ description: "score paths (`scores.churn.score`), sorted" }),
    events: z.object({
      types: z.array(z.string()).meta({ description: "event types, sorted" }),
      properties: z.array(z.string()).meta({ description: "event property paths (`product.sku`), sorted" }),
    }),
    sample: z
      .object({ profiles: z.number().int(), events: z.number().int() })
      .meta({ description: "how many profiles and events were read" }),
  }),
);
export type FieldsResponse = z.infer<typeof FieldsResponse>;
