/**
 * Working on definitions before saving them: validation (the language errors are the answer,
 * never a 400), a size estimate from a random sample, and a backtest (the size at past instants).
 */
import { BacktestResponse, EstimateResponse, ValidateResponse } from "@segflow/api-contract";
import {
  backtestInstants,
  backtestSegment,
  checkDrafts,
  DRAFT_ID,
  estimateSegment,
  SAMPLE_BUDGET_MS,
} from "@segflow/evaluation";
import { type CompiledSegments, compileSegments, selectSegments } from "@segflow/segment-language";
import type { Store } from "@segflow/store";
import { defineRoute } from "../http/route.js";
import { draftErrors, invalidDefinition } from "./draft-errors.js";
import { BacktestBody, EstimateBody, ValidateSegmentsBody } from "./schemas.js";

/**
 * A draft compiled with the stored segments it reads (`inSegment`), or a 400 with its language
 * errors (line, column), as `POST /v1/segments/validate` lists them.
 */
async function compileDraft(store: Store, id: string, definition: string): Promise<CompiledSegments> {
  const check = await checkDrafts(store, [{ id, definition }]);
  if (check.errors.length > 0) throw invalidDefinition(check.errors);
  return compileSegments(selectSegments(check.result, [id]));
}

/** The sample's time budget counts from the request: checking the definitions is part of the answer's time. */
const budgetLeft = (started: number) => SAMPLE_BUDGET_MS - (performance.now() - started);

const SAMPLE_NOTE =
  "The sample is one random range of profile buckets (a uniform sample), read under a time " +
  "budget of 1.2 s: when the budget ends the read first, the answer says `truncated` and its " +
  "interval is that of the smaller sample.";

export const segmentToolRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/segments/validate",
    scope: "read",
    tag: "segments",
    summary: "Check definitions (with the stored segments) without saving",
    body: ValidateSegmentsBody,
    responses: { 200: ["valid, or the language errors", ValidateResponse], 400: "malformed request" },
    async handle({ body }, { store }, res) {
      const drafts = body.segments ?? [{ id: body.id ?? DRAFT_ID, definition: body.definition ?? "" }];
      const { errors } = await checkDrafts(store, drafts);
      res.json({ valid: errors.length === 0, errors: draftErrors(errors) });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/segments/estimate",
    scope: "read",
    tag: "segments",
    summary: "Estimate a definition's size from a random sample, with a 95% interval",
    description: SAMPLE_NOTE,
    body: EstimateBody,
    responses: { 200: ["the estimate", EstimateResponse], 400: "invalid input or definition" },
    async handle({ body }, { store }, res) {
      const started = performance.now();
      const id = body.id ?? DRAFT_ID;
      const compiled = await compileDraft(store, id, body.definition);
      const now = body.now ?? new Date();
      const result = await estimateSegment(store, {
        compiled,
        segmentId: id,
        sampleSize: body.sampleSize,
        nowMs: now.getTime(),
        budgetMs: budgetLeft(started),
      });
      res.json({ ...result, now: now.toISOString() });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/segments/backtest",
    scope: "read",
    tag: "segments",
    summary: "A definition's size at past instants (from, from + step, … to), from one random sample",
    description:
      "Each sampled profile is evaluated at every instant by the language's rules: events later " +
      "than the instant do not exist; attributes are as stored now. Nothing is written. " +
      SAMPLE_NOTE,
    body: BacktestBody,
    responses: {
      200: ["a point per instant", BacktestResponse],
      400: "invalid input (the field named: from, to, step, at most 400 points) or definition (line, column)",
    },
    async handle({ body }, { store }, res) {
      const started = performance.now();
      const id = body.id ?? DRAFT_ID;
      const compiled = await compileDraft(store, id, body.definition);
      const result = await backtestSegment(store, {
        compiled,
        segmentId: id,
        sampleSize: body.sampleSize,
        instants: backtestInstants(body.from.getTime(), body.to.getTime(), body.step),
        budgetMs: budgetLeft(started),
      });
      res.json({
        points: result.points.map((p) => ({
          at: new Date(p.atMs).toISOString(),
          estimate: p.estimate,
          matched: p.matched,
          interval: p.interval,
        })),
        confidence: result.confidence,
        sample: result.sample,
        tookMs: Math.round(performance.now() - started),
      });
    },
  }),
];
