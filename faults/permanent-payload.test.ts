/**
 * Fault: a job whose payload can never be valid. `consume` (packages/queues) parses every payload
 * against the job catalog before its handler runs; one that does not match fails at once as
 * unrecoverable (ARCHITECTURE.md, "Jobs": the error policy), however many attempts the catalog
 * allows, and the worker goes on taking jobs. Proved with a real worker process and jobs added
 * straight to Redis, as a producer of another version (or a hand-edited job) would leave them.
 *
 * Checked that it fails without its protection: with consume's bad-payload error made an ordinary
 * `Error` (retryable), the job ran its 5 attempts (attemptsMade 5) and the first test failed.
 */
import { JOBS, type Queue, QueueInspector } from "@segflow/queues";
import { type Running, startSegflow, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultEnv } from "./fault-env.js";

let worker: Running;
let queues: QueueInspector;
let shards: Queue;

beforeAll(async () => {
  const { env } = await faultEnv("payload");
  queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  shards = queues.queue("shards");
  worker = startSegflow("worker", "worker", env);
  await waitFor("worker started", async () => worker.output().includes("worker started"), 60_000, worker);
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await queues?.obliterate().finally(() => queues.close());
});

/** Adds a job with the catalog's own options (retries and backoff) and waits until it failed. */
async function failedJob(data: unknown) {
  const { name, options } = JOBS.evaluateShard;
  // A short backoff, so that a retried job would be retried within the wait below.
  const job = await shards.add(name, data, { ...options, backoff: { type: "fixed", delay: 50 } });
  await waitFor(
    `job ${job.id} failed`,
    async () => (await shards.getJobState(job.id!)) === "failed",
    30_000,
    worker,
  );
  return (await shards.getJob(job.id!))!;
}

describe("a payload that can never be valid", () => {
  it("fails once, without retries, saying which fields are wrong", async () => {
    expect(JOBS.evaluateShard.options.attempts).toBeGreaterThan(1);
    const job = await failedJob({ runId: 42, index: -1 });
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain("bad payload for evaluate-shard");
    for (const field of ["runId", "index", "bucketFrom", "bucketTo"])
      expect(job.failedReason).toContain(field);
    expect(worker.output()).toMatch(/"final":true[^\n]*"err":"bad payload for evaluate-shard/);
  });

  it("leaves the worker running and taking jobs", async () => {
    // A valid payload naming a run that does not exist: the handler runs, and fails once too.
    const job = await failedJob({ runId: "no-such-run", index: 0, bucketFrom: 0, bucketTo: 1 });
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe("run no-such-run does not exist");
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.signalCode).toBeNull();
  });
});
