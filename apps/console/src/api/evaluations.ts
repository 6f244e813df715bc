/** `/v1/evaluations`: batch runs, their progress and counts (shapes: @segflow/api-contract). */
import type { EvaluationAccepted, EvaluationResponse } from "@segflow/api-contract";
import { request } from "./client.js";

export type Run = EvaluationResponse;

export const evaluationsApi = {
  list: () => request<{ evaluations: Run[] }>("GET", "/v1/evaluations"),
  get: (id: string) => request<Run>("GET", `/v1/evaluations/${encodeURIComponent(id)}`),
  /** Every stored segment when `segmentIds` is left out. */
  start: (segmentIds?: string[]) =>
    request<EvaluationAccepted>("POST", "/v1/evaluations", { body: segmentIds ? { segmentIds } : {} }),
};
