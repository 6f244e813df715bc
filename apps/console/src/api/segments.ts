/** `/v1/segments`: stored segments, validation and estimates (shapes: @segflow/api-contract). */
import type { EstimateResponse, SegmentResponse, ValidateResponse } from "@segflow/api-contract";
import { request } from "./client.js";

export type Segment = SegmentResponse;
export type Validation = ValidateResponse;
export type Estimate = EstimateResponse;

export interface SegmentInput {
  id?: string;
  name: string;
  definition: string;
  schedule?: string | null;
}

const path = (id: string) => `/v1/segments/${encodeURIComponent(id)}`;

export const segmentsApi = {
  list: (key?: string) => request<{ segments: Segment[] }>("GET", "/v1/segments", { key }),
  get: (id: string) => request<Segment>("GET", path(id)),
  create: (input: SegmentInput) => request<Segment>("POST", "/v1/segments", { body: input }),
  update: (id: string, patch: Partial<Omit<SegmentInput, "id">>) =>
    request<Segment>("PUT", path(id), { body: patch }),
  remove: (id: string) => request<void>("DELETE", path(id)),
  validate: (definition: string, id: string | undefined, signal?: AbortSignal) =>
    request<Validation>("POST", "/v1/segments/validate", { body: { definition, id }, signal }),
  estimate: (definition: string, id: string | undefined, signal?: AbortSignal) =>
    request<Estimate>("POST", "/v1/segments/estimate", { body: { definition, id }, signal }),
};
