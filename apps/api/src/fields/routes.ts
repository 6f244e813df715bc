/**
 * Field names seen in the data, for completion in the console's segment editor: read from a
 * bounded random sample of profiles and events (`sampleFields`, packages/store), so the answer
 * costs the same on any store size and may miss rare fields.
 */
import { FieldsResponse } from "@segflow/api-contract";
import { sampleFields } from "@segflow/store";
import { defineRoute } from "../http/route.js";

/** Profiles and events read per request. */
const SAMPLE = { profiles: 500, events: 2000 };

export const fieldRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/fields",
    scope: "read",
    tag: "fields",
    summary:
      "Attribute paths, score paths, event types and event property paths seen in a sample of the data",
    responses: { 200: ["the field names", FieldsResponse] },
    async handle(_input, { store }, res) {
      res.json(await sampleFields(store, SAMPLE));
    },
  }),
];
