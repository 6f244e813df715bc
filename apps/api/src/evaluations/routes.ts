/**
 * Batch evaluation runs. The run document is created first (idempotent by key), then its
 * `planRun` job is enqueued every time (idempotent by job id): a request repeated after a
 * failed enqueue still starts the run, and never starts it twice.
 */
import { EvaluationAccepted, EvaluationListResponse, EvaluationResponse } from "@segflow/api-contract";
import { startRun } from "@segflow/evaluation";
import { jobIds } from "@segflow/queues";
import { getRun, listRuns, type RunDoc, runProgress, type Store } from "@segflow/store";
import { AppError } from "../http/errors.js";
import { defineRoute } from "../http/route.js";
import { IdParams } from "../http/schemas.js";
import { REDIS_TIMEOUT_MS, withTimeout } from "../http/timeout.js";
import { IdempotencyKey, StartEvaluationBody } from "./schemas.js";
import { runView } from "./views.js";

/** Runs `GET /v1/evaluations` lists, newest first. */
const LIST_LIMIT = 50;

/** Progress from the shard documents, except for completed runs, which carry their totals. */
function progressOf(store: Store, run: RunDoc) {
  return run.status === "completed" ? null : runProgress(store, run);
}

export const evaluationRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/evaluations",
    scope: "write",
    tag: "evaluations",
    summary: "Start a batch evaluation run",
    body: StartEvaluationBody,
    optionalBody: true,
    headers: { "Idempotency-Key": IdempotencyKey },
    responses: {
      202: ["queued (or the existing run for the key)", EvaluationAccepted],
      400: "invalid input, or no segments",
      404: "unknown segment ids (named)",
    },
    async handle({ body, headers }, { store, producer, config }, res) {
      // Unknown segment ids → NotFoundError (404); no segments at all or broken stored definitions
      // → InvalidRequestError (400).
      const { run, created } = await startRun(store, {
        segmentIds: body.segmentIds,
        now: body.now,
        idempotencyKey: headers["Idempotency-Key"],
        shardCount: config.SHARD_COUNT,
      });
      try {
        await withTimeout(
          producer.enqueue("planRun", { runId: run._id }, { jobId: jobIds.planRun(run._id) }),
          REDIS_TIMEOUT_MS,
          "enqueue",
        );
      } catch (error) {
        throw new AppError(
          "unavailable",
          `run ${run._id} is stored but could not be queued (${(error as Error).message}); ` +
            "repeat the request with the same Idempotency-Key to queue it",
          { id: run._id },
        );
      }
      res
        .status(202)
        .location(`/v1/evaluations/${run._id}`)
        .json({ id: run._id, status: run.status, created });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/evaluations",
    scope: "read",
    tag: "evaluations",
    summary: "The latest 50 runs",
    responses: { 200: ["runs", EvaluationListResponse] },
    async handle(_input, { store }, res) {
      const runs = await listRuns(store, LIST_LIMIT);
      const at = new Date();
      const views = await Promise.all(
        runs.map(async (run) => runView(run, await progressOf(store, run), at)),
      );
      res.json({ evaluations: views });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/evaluations/:id",
    scope: "read",
    tag: "evaluations",
    summary: "A run's status, progress and counts",
    params: IdParams("run id"),
    responses: { 200: ["the run", EvaluationResponse], 404: "unknown run" },
    async handle({ params: { id } }, { store }, res) {
      const run = await getRun(store, id);
      if (!run) throw new AppError("not_found", `evaluation ${JSON.stringify(id)} not found`);
      res.json(runView(run, await progressOf(store, run), new Date()));
    },
  }),
];
