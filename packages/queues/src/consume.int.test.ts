/**
 * `consume` against the local Redis, a fresh queue prefix per test: what is retried, what fails
 * at once, and that the failure hook runs once per job that failed for good, its own errors
 * logged and the worker unharmed.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Job } from "bullmq";
import { afterEach, describe, expect, inject, it } from "vitest";
import { producerConnection, workerConnection } from "./connections.js";
import { type Consumer, consume, type Handlers, type JobLogger } from "./consume.js";
import { PermanentJobError } from "./errors.js";
import { QueueInspector } from "./inspect.js";
import { Producer } from "./producer.js";

type Line = { level: "info" | "warn" | "error"; fields: Record<string, unknown>; message: string };

class DataCheckError extends Error {}

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

/** A consumer of the runs queue under a fresh prefix, with a recording logger and hook. */
function start(handlers: Partial<Handlers<"runs">>, hook?: (job: Job, error: Error) => Promise<void>) {
  const redisUrl = inject("redisUrl");
  const queuePrefix = `t_queues_${randomBytes(6).toString("hex")}`;
  const lines: Line[] = [];
  const record = (level: Line["level"]) => (fields: object, message: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message });
  const logger: JobLogger = { info: record("info"), warn: record("warn"), error: record("error") };
  const failures: { jobId: string | undefined; error: Error }[] = [];
  const idle = async () => ({ done: true });
  const consumer: Consumer = consume(
    "runs",
    { planRun: idle, finishRun: idle, scheduledRun: idle, ...handlers },
    {
      redisUrl,
      queuePrefix,
      concurrency: 1,
      lockMs: 5000,
      logger,
      permanent: [DataCheckError],
      onFinalFailure: async (job, error) => {
        failures.push({ jobId: job.id, error });
        await hook?.(job, error);
      },
    },
  );
  const producer = new Producer(producerConnection(redisUrl), queuePrefix);
  const inspector = new QueueInspector(redisUrl, queuePrefix);
  opened.push(
    () => inspector.close(),
    () => producer.close(),
    () => inspector.obliterate(),
    () => consumer.close(),
  );
  return { consumer, producer, inspector, lines, failures, queuePrefix };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function finalState(inspector: QueueInspector, jobId: string) {
  return until(`job ${jobId} to finish`, async () => {
    const state = await inspector.queue("runs").getJobState(jobId);
    return state === "completed" || state === "failed" ? state : undefined;
  });
}

/** Retries come quickly in tests; the catalog's own backoff is seconds. */
const quickRetry = { backoff: { type: "fixed", delay: 10 } } as const;

describe("consume", () => {
  it("retries a plain error with the catalog's attempts, then succeeds; no failure hook", async () => {
    let calls = 0;
    const t = start({
      planRun: async () => {
        calls++;
        if (calls === 1) throw new Error("connection lost");
        return { shards: 0 };
      },
    });
    await t.producer.enqueue("planRun", { runId: "r1" }, { jobId: "plan-r1", ...quickRetry });
    expect(await finalState(t.inspector, "plan-r1")).toBe("completed");
    const job = await t.inspector.queue("runs").getJob("plan-r1");
    expect(job?.attemptsMade).toBe(2);
    expect(calls).toBe(2);
    expect(t.lines.filter((l) => l.message === "job failed").map((l) => l.fields.final)).toEqual([false]);
    expect(t.failures).toEqual([]);
  });

  it("fails a PermanentJobError at once, without retries, and calls the hook once", async () => {
    let calls = 0;
    const t = start({
      planRun: async (_job, payload) => {
        calls++;
        throw new PermanentJobError(`run ${payload.runId} does not exist`);
      },
    });
    await t.producer.enqueue("planRun", { runId: "gone" }, { jobId: "plan-gone", ...quickRetry });
    expect(await finalState(t.inspector, "plan-gone")).toBe("failed");
    await until("the hook", () => t.failures.length === 1);
    await sleep(100);
    expect(calls).toBe(1);
    expect((await t.inspector.queue("runs").getJob("plan-gone"))?.attemptsMade).toBe(1);
    expect(t.failures.map((f) => [f.jobId, f.error.message])).toEqual([
      ["plan-gone", "run gone does not exist"],
    ]);
  });

  it("fails an error of a class declared permanent at once", async () => {
    let calls = 0;
    const t = start({
      scheduledRun: async () => {
        calls++;
        throw new DataCheckError("only 12 positive examples");
      },
    });
    await t.producer.enqueue("scheduledRun", {}, { jobId: "fire-1", ...quickRetry });
    expect(await finalState(t.inspector, "fire-1")).toBe("failed");
    await until("the hook", () => t.failures.length === 1);
    expect(calls).toBe(1);
    expect(t.failures[0]?.error.message).toBe("only 12 positive examples");
  });

  it("calls the hook once when the last attempt of a retryable error fails", async () => {
    let calls = 0;
    const t = start({
      finishRun: async () => {
        calls++;
        throw new Error(`timeout ${calls}`);
      },
    });
    await t.producer.enqueue(
      "finishRun",
      { runId: "r2" },
      { jobId: "finish-r2", attempts: 3, ...quickRetry },
    );
    expect(await finalState(t.inspector, "finish-r2")).toBe("failed");
    await until("the hook", () => t.failures.length === 1);
    await sleep(100);
    expect(calls).toBe(3);
    expect(t.failures.map((f) => f.error.message)).toEqual(["timeout 3"]);
  });

  it("fails a payload that does not match the catalog at once, before any handler runs", async () => {
    let calls = 0;
    const t = start({
      planRun: async () => {
        calls++;
        return {};
      },
    });
    // Around the producer, which would refuse it: as an older deployment or a bug could leave it.
    await t.inspector.queue("runs").add("plan-run", { run: 42 }, { jobId: "bad", attempts: 5 });
    expect(await finalState(t.inspector, "bad")).toBe("failed");
    await until("the hook", () => t.failures.length === 1);
    expect(calls).toBe(0);
    expect(t.failures[0]?.error).toBeInstanceOf(PermanentJobError);
    expect(t.failures[0]?.error.message).toMatch(/^bad payload for plan-run: .*runId/s);
  });

  it("fails a job name the queue does not carry at once", async () => {
    const t = start({});
    await t.inspector.queue("runs").add("score-shard", {}, { jobId: "stray", attempts: 5 });
    expect(await finalState(t.inspector, "stray")).toBe("failed");
    await until("the hook", () => t.failures.length === 1);
    expect(t.failures[0]?.error.message).toBe("unknown job score-shard on queue evaluation-runs");
  });

  it("logs a failure hook that throws, and keeps consuming", async () => {
    const t = start(
      {
        planRun: async (_job, payload) => {
          if (payload.runId === "broken") throw new PermanentJobError("no such run");
          return { shards: 0 };
        },
      },
      async () => {
        throw new Error("mongo is down");
      },
    );
    await t.producer.enqueue("planRun", { runId: "broken" }, { jobId: "plan-broken" });
    expect(await finalState(t.inspector, "plan-broken")).toBe("failed");
    const logged = await until("the hook's error logged", () =>
      t.lines.find((l) => l.level === "error" && l.message === "failure hook failed"),
    );
    expect(logged.fields.jobId).toBe("plan-broken");
    expect((logged.fields.err as Error).message).toBe("mongo is down");
    await t.producer.enqueue("planRun", { runId: "fine" }, { jobId: "plan-fine" });
    expect(await finalState(t.inspector, "plan-fine")).toBe("completed");
  });

  it("keeps every key of every queue under the hash-tagged prefix", async () => {
    const t = start({});
    await t.producer.enqueue("planRun", { runId: "r3" }, { jobId: "plan-r3" });
    expect(await finalState(t.inspector, "plan-r3")).toBe("completed");
    const redis = workerConnection(inject("redisUrl"));
    try {
      const keys = await redis.keys(`*${t.queuePrefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key.startsWith(`{${t.queuePrefix}}:`), key).toBe(true);
    } finally {
      await redis.quit();
    }
  });
});
