/**
 * Working on definitions before saving them: validation (the language errors are the answer,
 * never a 400) and a size estimate from a random sample.
 */
import { EstimateResponse, ValidateResponse } from "@segflow/api-contract";
import { checkDrafts, DRAFT_ID, estimateSegment } from "@segflow/evaluation";
import { compileSegments, SegmentLanguageError, selectSegments } from "@segflow/segment-language";
import { defineRoute } from "../http/route.js";
import { EstimateBody, ValidateSegmentsBody } from "./schemas.js";

export const segmentToolRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/segments/validate",
    auth: "apiKey",
    tag: "segments",
    summary: "Check definitions (with the stored segments) without saving",
    body: ValidateSegmentsBody,
    responses: { 200: ["valid, or the language errors", ValidateResponse], 400: "malformed request" },
    async handle({ body }, { store }, res) {
      const drafts = body.segments ?? [{ id: body.id ?? DRAFT_ID, definition: body.definition ?? "" }];
      const { errors } = await checkDrafts(store, drafts);
      res.json({ valid: errors.length === 0, errors });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/segments/estimate",
    auth: "apiKey",
    tag: "segments",
    summary: "Estimate a definition's size from a random sample, with a 95% interval",
    body: EstimateBody,
    responses: { 200: ["the estimate", EstimateResponse], 400: "invalid input or definition" },
    async handle({ body }, { store }, res) {
      const id = body.id ?? DRAFT_ID;
      const check = await checkDrafts(store, [{ id, definition: body.definition }]);
      if (check.errors.length > 0) throw new SegmentLanguageError(check.errors);
      const compiled = compileSegments(selectSegments(check.result, [id]));
      const now = body.now ?? new Date();
      const result = await estimateSegment(store, {
        compiled,
        segmentId: id,
        sampleSize: body.sampleSize,
        nowMs: now.getTime(),
      });
      res.json({ ...result, now: now.toISOString() });
    },
  }),
];
