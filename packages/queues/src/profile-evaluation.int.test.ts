/**
 * Streaming requests against the local Redis: requests for one profile coalesce while its
 * evaluation waits, and a request that arrives while it runs is not lost (one more runs after).
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, inject, it } from "vitest";
import { producerConnection } from "./connections.js";
import { consume, type JobLogger } from "./consume.js";
import { QueueInspector } from "./inspect.js";
import { jobIds } from "./job-ids.js";
import { Producer } from "./producer.js";

const quiet: JobLogger = { info() {}, warn() {}, error() {} };
const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

function setup() {
  const redisUrl = inject("redisUrl");
  const queuePrefix = `t_stream_${randomBytes(6).toString("hex")}`;
  const producer = new Producer(producerConnection(redisUrl), queuePrefix);
  const inspector = new QueueInspector(redisUrl, queuePrefix);
  opened.push(
    () => inspector.close(),
    () => producer.close(),
    () => inspector.obliterate(),
  );
  return { redisUrl, queuePrefix, producer, inspector };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

it("a burst of requests for one profile while none runs is one job", async () => {
  const { producer, inspector } = setup();
  for (let i = 0; i < 100; i++) await producer.requestProfileEvaluations(["p:1", "p:2"]);
  await producer.requestProfileEvaluations(Array.from({ length: 50 }, () => "p:1"));
  const waiting = await inspector.queue("streaming").getWaiting();
  expect(waiting.map((j) => j.data.profileId).sort()).toEqual(["p:1", "p:2"]);
});

it("a request while the profile's evaluation runs makes one more evaluation after it", async () => {
  const { redisUrl, queuePrefix, producer } = setup();
  const runs: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const consumer = consume(
    "streaming",
    {
      evaluateProfile: async (_job, { profileId }) => {
        runs.push(profileId);
        if (runs.length === 1) await gate;
      },
      wakeProfile: async () => undefined,
    },
    { redisUrl, queuePrefix, concurrency: 4, lockMs: 5000, logger: quiet },
  );
  opened.push(() => consumer.close());

  await producer.requestProfileEvaluations(["p:1"]);
  await until(() => runs.length === 1, "the first evaluation to start");
  // Three requests while it runs: they coalesce into one evaluation after it, not three, not none.
  for (let i = 0; i < 3; i++) await producer.requestProfileEvaluations(["p:1"]);
  await sleep(200);
  expect(runs).toHaveLength(1);
  release();
  await until(() => runs.length === 2, "the evaluation kept while the first ran");
  await sleep(300);
  expect(runs).toEqual(["p:1", "p:1"]);
});

it("a wake-up is delayed to its instant and added once per profile and instant", async () => {
  const { producer, inspector } = setup();
  const at = new Date(Date.now() + 60_000);
  await producer.scheduleWake("p:1", at);
  await producer.scheduleWake("p:1", at);
  await producer.scheduleWake("p:1", new Date(at.getTime() + 1));
  const delayed = await inspector.queue("streaming").getDelayed();
  expect(delayed).toHaveLength(2);
  const job = delayed.find((j) => j.id === jobIds.wakeProfile("p:1", at))!;
  expect(job.data).toEqual({ profileId: "p:1", at: at.toISOString() });
  expect(job.delay).toBeGreaterThan(55_000);
});

it("wake-ups in bulk: each delayed to its instant, a past one at once, none added twice", async () => {
  const { producer, inspector } = setup();
  const at = new Date(Date.now() + 60_000);
  const past = new Date(Date.now() - 1000);
  await producer.scheduleWake("p:1", at);
  await producer.scheduleWakes([
    { profileId: "p:1", at },
    { profileId: "p:2", at },
    { profileId: "p:3", at: past },
  ]);
  await producer.scheduleWakes([]);
  const queue = inspector.queue("streaming");
  const delayed = await queue.getDelayed();
  expect(delayed.map((j) => j.data.profileId).sort()).toEqual(["p:1", "p:2"]);
  expect(delayed.every((j) => j.delay > 55_000)).toBe(true);
  expect((await queue.getWaiting()).map((j) => j.id)).toEqual([jobIds.wakeProfile("p:3", past)]);
});
