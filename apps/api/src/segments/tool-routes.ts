/**
 * Working on definitions before saving them: validation (the language errors are the answer,
 * never a 400) and a size estimate from a random sample.
 */

import { checkDrafts, DRAFT_ID, estimateSegment } from "@segflow/evaluation";
import { compileSegments, SegmentLanguageError, selectSegments } from "@segflow/segment-language";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { parseBody } from "../http/input.js";
import { EstimateBody, ValidateSegmentsBody } from "../http/schemas.js";

export function segmentToolRoutes({ store }: AppDeps): Router {
  const router = Router();

  router.post("/v1/segments/validate", async (req, res) => {
    const body = parseBody(ValidateSegmentsBody, req);
    const drafts = body.segments ?? [{ id: body.id ?? DRAFT_ID, definition: body.definition ?? "" }];
    const { errors } = await checkDrafts(store, drafts);
    res.json({ valid: errors.length === 0, errors });
  });

  router.post("/v1/segments/estimate", async (req, res) => {
    const body = parseBody(EstimateBody, req);
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
  });

  return router;
}
