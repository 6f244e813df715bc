/**
 * Batch evaluation runs. The run document is created first (idempotent by key), then its
 * `planRun` job is enqueued every time (idempotent by job id): a request repeated after a
 * failed enqueue still starts the run, and never starts it twice.
 */
import { startRun } from "@segflow/evaluation";
import { jobIds } from "@segflow/queues";
import { getRun, listRuns, type RunDoc, runProgress, type Store } from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { AppError } from "../http/errors.js";
import { parseBody, parseHeader } from "../http/input.js";
import { IdempotencyKey, StartEvaluationBody } from "../http/schemas.js";
import { REDIS_TIMEOUT_MS, withTimeout } from "../http/timeout.js";
import { runView } from "../http/views.js";

/** Runs `GET /v1/evaluations` lists, newest first. */
const LIST_LIMIT = 50;

/** Progress from the shard documents, except for completed runs, which carry their totals. */
function progressOf(store: Store, run: RunDoc) {
  return run.status === "completed" ? null : runProgress(store, run);
}

export function evaluationRoutes({ store, producer, config }: AppDeps): Router {
  const router = Router();

  router.post("/v1/evaluations", async (req, res) => {
    const body = parseBody(StartEvaluationBody, req, { optional: true });
    const idempotencyKey = parseHeader(IdempotencyKey, req, "Idempotency-Key");
    const all = !body.segmentIds || body.segmentIds.length === 0;
    if (all && (await store.segments.countDocuments({}, { limit: 1 })) === 0) {
      throw new AppError(
        "invalid_request",
        "no segments to evaluate: create one with POST /v1/segments first",
      );
    }
    // Unknown segment ids → NotFoundError (404); broken stored definitions → InvalidRequestError (400).
    const { run, created } = await startRun(store, {
      segmentIds: body.segmentIds,
      now: body.now,
      idempotencyKey,
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
    res.status(202).location(`/v1/evaluations/${run._id}`).json({ id: run._id, status: run.status, created });
  });

  router.get("/v1/evaluations", async (_req, res) => {
    const runs = await listRuns(store, LIST_LIMIT);
    const at = new Date();
    const views = await Promise.all(runs.map(async (run) => runView(run, await progressOf(store, run), at)));
    res.json({ evaluations: views });
  });

  router.get("/v1/evaluations/:id", async (req, res) => {
    const run = await getRun(store, req.params.id);
    if (!run) throw new AppError("not_found", `evaluation ${JSON.stringify(req.params.id)} not found`);
    res.json(runView(run, await progressOf(store, run), new Date()));
  });

  return router;
}
