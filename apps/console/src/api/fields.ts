/** `GET /v1/fields`: names seen in a sample of the data, for completion (shape: @segflow/api-contract). */
import type { FieldsResponse } from "@segflow/api-contract";
import { request } from "./client.js";

export type { FieldsResponse };

export const fieldsApi = {
  get: () => request<FieldsResponse>("GET", "/v1/fields"),
};
