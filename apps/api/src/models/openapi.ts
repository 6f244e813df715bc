/** The `/v1/models` part of the OpenAPI document: its schemas and operations. */
import type { z } from "zod";
import { type Operation, pathId } from "../http/openapi-operation.js";
import * as R from "./responses.js";
import * as M from "./schemas.js";

export const modelRequests: [z.ZodType, string][] = [
  [M.CreateModelBody, "CreateModelRequest"],
  [M.UpdateModelBody, "UpdateModelRequest"],
  [M.ModelJobBody, "ModelJobRequest"],
];

export const modelResponses: [z.ZodType, string][] = [
  [R.ModelResponse, "Model"],
  [R.ModelListResponse, "ModelList"],
  [R.ModelInsights, "ModelInsights"],
  [R.ModelOutcomesResponse, "ModelOutcomes"],
  [R.ScoringProgressResponse, "ScoringProgress"],
  [R.ModelVersionSummary, "ModelVersionSummary"],
  [R.ModelDetailResponse, "ModelDetail"],
  [R.ModelJobAccepted, "ModelJobAccepted"],
  [R.ScoreJobAccepted, "ScoreJobAccepted"],
];

const modelId = pathId("id", "model id");
const invalidModel =
  "invalid input (the field is named), or invalid_definition with the goal's or eligible's language errors " +
  "(details.errors[]: field, line, column, reason)";

export const modelOps: Record<string, Record<string, Operation>> = {
  "/v1/models": {
    get: { summary: "All models", tag: "models", responses: { 200: ["models", "ModelList"] } },
    post: {
      summary: "Create a propensity model (conversion or churn)",
      tag: "models",
      description:
        "Defaults: lookbackDays 90, attributes [], buckets { medium: 25, high: 75 }, dataChecks " +
        "{ minPositives: 500, minNegatives: 500 }, minAuc 0.65. Profiles carry the scores at scores.<id>.",
      body: "CreateModelRequest",
      responses: {
        201: ["the stored model (untrained)", "Model"],
        400: invalidModel,
        409: "a model with this id exists",
      },
    },
  },
  "/v1/models/{id}": {
    get: {
      summary: "A model with its status, versions, and the insights of its active (else latest) version",
      tag: "models",
      description:
        "metrics: AUC (held-out and validation), base rate, quality, lift, cumulative gain and calibration by " +
        "decile, score distribution, bucket counts, top factors overall and per bucket. outcomes: predicted " +
        "versus actual per bucket once the window has passed since scoring (availableAt says when).",
      parameters: [modelId],
      responses: { 200: ["the model", "ModelDetail"], 404: "unknown model" },
    },
    put: {
      summary: "Change a model's fields (each one given replaces the stored one; null removes)",
      tag: "models",
      description: "Checked whole, as on create. Takes effect at the next training; schedules at once.",
      parameters: [modelId],
      body: "UpdateModelRequest",
      responses: { 200: ["the stored model", "Model"], 400: invalidModel, 404: "unknown model" },
    },
    delete: {
      summary: "Delete a model, its versions and its schedules (scores on profiles stay until overwritten)",
      tag: "models",
      parameters: [modelId],
      responses: { 204: "deleted", 404: "unknown model" },
    },
  },
  "/v1/models/{id}/train": {
    post: {
      summary: "Queue a training (one per model at a time: a request while one waits or runs joins it)",
      tag: "models",
      parameters: [modelId],
      body: "ModelJobRequest",
      optionalBody: true,
      responses: { 202: ["queued, or joined", "ModelJobAccepted"], 400: "bad now", 404: "unknown model" },
    },
  },
  "/v1/models/{id}/score": {
    post: {
      summary: "Queue a scoring of every eligible profile with the newest version that is not poor",
      tag: "models",
      parameters: [modelId],
      body: "ModelJobRequest",
      optionalBody: true,
      responses: {
        202: ["queued, or joined", "ScoreJobAccepted"],
        400: "bad now",
        404: "unknown model",
        409: "no version to score (untrained, or every version poor), or a scoring is under way",
      },
    },
  },
};
