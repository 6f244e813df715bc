/** Evaluation runs: created in MongoDB, planned through the runs queue, idempotent by key. */
import { jobIds } from "@segflow/queues";
import {
  beginShard,
  completeRun,
  markRunRunning,
  recordShard,
  reportShardProgress,
  upsertProfiles,
} from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_evaluations");
});
afterAll(async () => {
  await api?.close();
});

const start = (body?: unknown, headers?: Record<string, string>) =>
  api.request("POST", "/v1/evaluations", { body, headers });

/** Plan jobs waiting in the runs queue for `runId`. */
async function planJobs(runId: string) {
  const jobs = await api.producer.queues.runs.getJobs(["waiting", "delayed", "prioritized"]);
  return jobs.filter((j) => j.name === "plan-run" && j.data.runId === runId);
}

describe("POST /v1/evaluations", () => {
  test("with no segments at all → 400", async () => {
    const r = await start({});
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/no segments/);
  });

  test("starts a run of every segment: 202, stored queued, one plan job", async () => {
    for (const [id, definition] of [
      ["buyers", 'exists(events where type = "purchase")'],
      ["us-buyers", 'inSegment("buyers") and country = "US"'],
    ]) {
      expect((await api.request("POST", "/v1/segments", { body: { id, name: id, definition } })).status).toBe(
        201,
      );
    }
    const r = await api.request("POST", "/v1/evaluations"); // no body at all: every segment
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ id: expect.stringMatching(/^run-/), status: "queued", created: true });
    expect(r.headers.get("location")).toBe(`/v1/evaluations/${r.body.id}`);
    const jobs = await planJobs(r.body.id);
    expect(jobs.map((j) => [j.id, j.data])).toEqual([[jobIds.planRun(r.body.id), { runId: r.body.id }]]);

    const run = await api.request("GET", `/v1/evaluations/${r.body.id}`);
    expect(run.body).toMatchObject({
      id: r.body.id,
      status: "queued",
      segmentIds: ["buyers", "us-buyers"],
      progress: { shardsDone: 0, shardsTotal: 4, profilesDone: 0 },
      counts: {
        buyers: { realized: 0, existing: 0, exited: 0, total: 0 },
        "us-buyers": { realized: 0, existing: 0, exited: 0, total: 0 },
      },
      startedAt: null,
      finishedAt: null,
      error: null,
    });
  });

  test("the same Idempotency-Key → the same run and one plan job", async () => {
    const headers = { "Idempotency-Key": "nightly-2026-12-01" };
    const first = await start({ segmentIds: ["us-buyers"], now: "2026-12-01T00:00:00Z" }, headers);
    const second = await start({ segmentIds: ["us-buyers"], now: "2026-12-01T00:00:00Z" }, headers);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ id: first.body.id, status: "queued", created: false });
    expect(await planJobs(first.body.id)).toHaveLength(1);
    const runs = await api.store.runs.countDocuments({ idempotencyKey: "nightly-2026-12-01" });
    expect(runs).toBe(1);

    const run = await api.request("GET", `/v1/evaluations/${first.body.id}`);
    expect(run.body).toMatchObject({
      segmentIds: ["us-buyers"],
      now: "2026-12-01T00:00:00.000Z",
      idempotencyKey: "nightly-2026-12-01",
    });
  });

  test("a repeated request queues a still-queued run again if its plan job is gone", async () => {
    const headers = { "Idempotency-Key": "lost-enqueue" };
    const first = await start({}, headers);
    await api.producer.queues.runs.remove(jobIds.planRun(first.body.id));
    expect(await planJobs(first.body.id)).toHaveLength(0);
    const again = await start({}, headers);
    expect(again.body.id).toBe(first.body.id);
    expect(await planJobs(first.body.id)).toHaveLength(1);
  });

  test("unknown segment ids → 404 naming them", async () => {
    const r = await start({ segmentIds: ["buyers", "ghost", "phantom"] });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/ghost, phantom/);
  });

  test.each([
    [{ segmentIds: ["bad id"] }, {}, "segmentIds.0"],
    [{ segmentIds: "buyers" }, {}, "segmentIds"],
    [{ now: "2026-02-30T00:00:00Z" }, {}, "now"],
    [{}, { "Idempotency-Key": "k".repeat(257) }, "Idempotency-Key"],
  ])("400 names the field: %j %j → %s", async (body, headers, path) => {
    const r = await start(body, headers);
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe(path);
  });
});

describe("GET /v1/evaluations", () => {
  test("progress and counts sum the finished shards; final counts once completed", async () => {
    const { body } = await start({ segmentIds: ["buyers"] });
    const counts = (realized: number, existing: number, exited: number) => ({
      buyers: { realized, existing, exited, total: realized + existing },
    });
    // What workers write as shards finish.
    await markRunRunning(api.store, body.id, new Date("2026-12-01T00:00:01Z"));
    await recordShard(api.store, body.id, 0, counts(2, 1, 0), 250);
    await recordShard(api.store, body.id, 3, counts(1, 0, 4), 240);
    await recordShard(api.store, body.id, 3, counts(1, 0, 4), 240); // a retried shard counts once
    const running = await api.request("GET", `/v1/evaluations/${body.id}`);
    expect(running.body).toMatchObject({
      status: "running",
      startedAt: "2026-12-01T00:00:01.000Z",
      progress: { shardsDone: 2, shardsTotal: 4, profilesDone: 490 },
      counts: counts(3, 1, 4),
    });

    await recordShard(api.store, body.id, 1, counts(0, 0, 0), 10);
    await recordShard(api.store, body.id, 2, counts(5, 0, 0), 20);
    await completeRun(api.store, body.id, new Date("2026-12-01T00:01:00Z"));
    const done = await api.request("GET", `/v1/evaluations/${body.id}`);
    expect(done.body).toMatchObject({
      status: "completed",
      progress: { shardsDone: 4, shardsTotal: 4, profilesDone: 520 },
      counts: counts(8, 1, 4),
      finishedAt: "2026-12-01T00:01:00.000Z",
    });
    const listed = await api.request("GET", "/v1/evaluations");
    expect(listed.body.evaluations.find((e: { id: string }) => e.id === body.id)).toEqual(done.body);
  });

  test("profiles done, rate and ETA move while shards run, before any shard completes", async () => {
    await upsertProfiles(
      api.store,
      Array.from({ length: 40 }, (_, i) => ({ id: `eta-${i}`, attributes: {} })),
    );
    const { body } = await start({ segmentIds: ["buyers"] });
    const get = async () => (await api.request("GET", `/v1/evaluations/${body.id}`)).body;
    const queued = await get();
    // Counted when the run was created.
    expect(queued.progress).toEqual({
      shardsDone: 0,
      shardsTotal: 4,
      profilesDone: 0,
      profilesTotal: 40,
      profilesPerSecond: null,
      etaSeconds: null,
    });

    // Started 100 s ago; two shards running have reported 15 and 5 profiles, none has finished.
    await markRunRunning(api.store, body.id, new Date(Date.now() - 100_000));
    await beginShard(api.store, body.id, 0, "attempt-a");
    await beginShard(api.store, body.id, 1, "attempt-b");
    expect((await get()).progress).toMatchObject({ profilesDone: 0, etaSeconds: null });
    await reportShardProgress(api.store, body.id, 0, "attempt-a", 15);
    await reportShardProgress(api.store, body.id, 1, "attempt-b", 5);
    const running = await get();
    expect(running.status).toBe("running");
    expect(running.progress).toMatchObject({ shardsDone: 0, profilesDone: 20, profilesTotal: 40 });
    // 20 profiles in 100 s (plus the time the request took): 0.2/s, 20 left: about 100 s.
    expect(running.progress.profilesPerSecond).toBe(0.2);
    expect(running.progress.etaSeconds).toBeGreaterThanOrEqual(100);
    expect(running.progress.etaSeconds).toBeLessThan(110);
    expect(running.counts.buyers).toEqual({ realized: 0, existing: 0, exited: 0, total: 0 });

    for (const index of [0, 1, 2, 3]) await recordShard(api.store, body.id, index, {}, 10);
    await completeRun(api.store, body.id);
    const done = await get();
    expect(done.progress).toMatchObject({
      shardsDone: 4,
      profilesDone: 40,
      profilesTotal: 40,
      etaSeconds: 0,
    });
  });

  test("an unknown run → 404", async () => {
    const r = await api.request("GET", "/v1/evaluations/run-nope");
    expect(r.status).toBe(404);
  });

  test("the list is newest first", async () => {
    const r = await api.request("GET", "/v1/evaluations");
    expect(r.status).toBe(200);
    const created = r.body.evaluations.map((e: { createdAt: string }) => e.createdAt);
    expect(created.length).toBeGreaterThanOrEqual(4);
    expect([...created].sort().reverse()).toEqual(created);
  });
});
