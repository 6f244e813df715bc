/** `/v1/models`: propensity models, their training and insights (shapes: @segflow/api-contract). */
import type {
  ModelDetailResponse,
  ModelJobAccepted,
  ModelListResponse,
  ModelResponse,
} from "@segflow/api-contract";
import { request } from "./client.js";

export type Model = ModelResponse;
export type ModelDetail = ModelDetailResponse;

/** What the console's form sends to `POST /v1/models`; the API fills the other fields' defaults. */
export interface ModelInput {
  id?: string;
  name: string;
  type: "churn" | "conversion";
  goal: string;
  windowDays: number;
  attributes: string[];
}

const path = (id: string) => `/v1/models/${encodeURIComponent(id)}`;

export const modelsApi = {
  list: () => request<ModelListResponse>("GET", "/v1/models"),
  get: (id: string, signal?: AbortSignal) => request<ModelDetail>("GET", path(id), { signal }),
  create: (input: ModelInput) => request<Model>("POST", "/v1/models", { body: input }),
  /** Queues a training; a request while one waits or runs joins it (`deduplicated`). */
  train: (id: string) => request<ModelJobAccepted>("POST", `${path(id)}/train`, { body: {} }),
};
