/**
 * A backtest matches batch evaluations run with those past `now`s on the same sample: the API
 * and a worker as separate OS processes; the store is small enough that the backtest's sample is
 * every profile, so each point must equal the count of the batch run (POST /v1/evaluations, the
 * worker's shards) at that instant, for a definition with windows and an `inSegment` reference.
 */
import { Api, type Running, startSegflow as start, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentEnv } from "./deployment-env.js";
import { population, SEGMENTS } from "./population.js";

const KEY = "e2e-backtest";
const PROFILES = 300;
const NOW = Date.parse("2026-11-29T12:00:00Z");
const DAY = 86_400_000;
const profiles = population(PROFILES, 11, NOW);

/** Windows that open and close over the backtest, and a stored segment read through inSegment. */
const BACKTESTED = {
  id: "recent-searchers-or-big",
  name: "Searched in 10 days, or a big spender",
  definition:
    'exists(events where type = "search" and timestamp within last 10 days) or (inSegment("big-spenders") and loyalty.points > 1000)',
};

let api: Api;
const procs: Running[] = [];

beforeAll(async () => {
  const { env, port } = await deploymentEnv("e2e_backtest", KEY, { SHARD_COUNT: "3" });
  api = new Api(`http://127.0.0.1:${port}`, KEY);
  const apiProc = start("api", "api", env);
  procs.push(apiProc, start("worker", "worker", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);
  await api.ok("POST", "/v1/profiles", {
    profiles: profiles.map((p) => ({ id: p.id, attributes: p.attributes })),
  });
  const events = profiles.flatMap((p) => (p.events ?? []).map((e) => ({ profileId: p.id, ...e })));
  await api.ok("POST", "/v1/events", { events });
  for (const s of [...SEGMENTS, BACKTESTED]) await api.ok("POST", "/v1/segments", s);
}, 120_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
});

type Run = { status: string; counts: Record<string, { total: number }> };

async function batchCount(now: string): Promise<number> {
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {
    segmentIds: [BACKTESTED.id],
    now,
  });
  let run: Run | undefined;
  await waitFor(
    `run ${id}`,
    async () => {
      run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
      if (run.status === "failed") throw new Error(`run failed: ${JSON.stringify(run)}`);
      return run.status === "completed";
    },
    60_000,
    procs[1],
  );
  return run!.counts[BACKTESTED.id]!.total;
}

describe("backtest against batch runs", () => {
  it("each point equals the batch run's count at that now", async () => {
    const backtest = await api.ok<{
      points: { at: string; estimate: number; matched: number; interval: { low: number; high: number } }[];
      sample: { size: number; population: number; truncated: boolean };
    }>("POST", "/v1/segments/backtest", {
      definition: BACKTESTED.definition,
      id: BACKTESTED.id,
      from: new Date(NOW - 100 * DAY).toISOString(),
      to: new Date(NOW + 20 * DAY).toISOString(),
      step: "20 days",
      sampleSize: 20_000,
    });
    expect(backtest.sample).toMatchObject({ size: PROFILES, population: PROFILES, truncated: false });
    expect(backtest.points).toHaveLength(7);

    const batch: number[] = [];
    for (const point of backtest.points) batch.push(await batchCount(point.at));
    expect(backtest.points.map((p) => p.estimate)).toEqual(batch);
    expect(backtest.points.map((p) => p.matched)).toEqual(batch);
    for (const p of backtest.points) expect(p.interval).toEqual({ low: p.estimate, high: p.estimate });
    // Not a flat line: the windows open and close over the period.
    expect(new Set(batch).size).toBeGreaterThan(2);
  });
});
