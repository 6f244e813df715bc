/**
 * POST /v1/segments/backtest: the size at each instant from one sample, evaluated by the
 * language's rules at that instant (here the sample is the whole store, so every point is exact
 * and equals the offline evaluator's count); and 400s that name what was wrong.
 */
import { compileSegments } from "@segflow/segment-language";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
const DAY = 86_400_000;
const START = Date.parse("2026-11-01T00:00:00Z");
const PROFILES = 120;

/** Profile i: tier by i, one purchase on day i % 30 of November (revenue i). */
const profiles = Array.from({ length: PROFILES }, (_, i) => ({
  id: `bt-${i}`,
  attributes: { tier: i % 3 === 0 ? "gold" : "silver" },
  events: [
    {
      type: "purchase",
      timestamp: new Date(START + (i % 30) * DAY + 3_600_000).toISOString(),
      properties: { revenue: i },
    },
  ],
}));
const STORED = [{ id: "gold", definition: 'tier = "gold"' }];
const DRAFT = 'inSegment("gold") and exists(events where type = "purchase" and timestamp within last 7 days)';

beforeAll(async () => {
  api = await startTestApi("api_backtest");
  const p = await api.request("POST", "/v1/profiles", {
    body: { profiles: profiles.map(({ id, attributes }) => ({ id, attributes })) },
  });
  expect(p.status).toBe(200);
  const e = await api.request("POST", "/v1/events", {
    body: { events: profiles.flatMap((x) => x.events.map((ev) => ({ profileId: x.id, ...ev }))) },
  });
  expect(e.status).toBe(202);
  for (const s of STORED) {
    expect((await api.request("POST", "/v1/segments", { body: { ...s, name: s.id } })).status).toBe(201);
  }
});

afterAll(async () => {
  await api?.close();
});

const backtest = (body: Record<string, unknown>) =>
  api.request("POST", "/v1/segments/backtest", {
    body: { definition: DRAFT, from: "2026-11-01", to: "2026-12-10", step: "3 days", ...body },
  });

describe("POST /v1/segments/backtest", () => {
  test("a sample of the whole store: each point is the offline evaluator's count at that instant", async () => {
    const r = await backtest({ sampleSize: 20_000 });
    expect(r.status).toBe(200);
    const compiled = compileSegments([...STORED, { id: "draft", definition: DRAFT }]);
    const at = (ms: number) => profiles.filter((p) => compiled.evaluate(p, ms)[1]).length;
    const instants = Array.from({ length: 14 }, (_, k) => START + k * 3 * DAY);
    expect(r.body.points).toEqual(
      instants.map((ms) => ({
        at: new Date(ms).toISOString(),
        estimate: at(ms),
        matched: at(ms),
        interval: { low: at(ms), high: at(ms) },
      })),
    );
    // The window moves: the audience grows through November and empties in December.
    expect(Math.max(...r.body.points.map((p: { estimate: number }) => p.estimate))).toBeGreaterThan(0);
    expect(r.body.points.at(-1).estimate).toBe(0);
    expect(r.body.sample).toMatchObject({
      size: PROFILES,
      requested: 20_000,
      population: PROFILES,
      buckets: { count: 4096 },
      truncated: false,
    });
    expect(r.body.confidence).toBe(0.95);
    // Nothing written.
    expect(await api.store.profiles.countDocuments({ segmentMembership: { $exists: true } })).toBe(0);
  });

  test("to is included when a step lands on it; from = to is one point", async () => {
    const r = await backtest({ from: "2026-11-01", to: "2026-11-03", step: "1 day", sampleSize: 20_000 });
    expect(r.body.points.map((p: { at: string }) => p.at)).toEqual([
      "2026-11-01T00:00:00.000Z",
      "2026-11-02T00:00:00.000Z",
      "2026-11-03T00:00:00.000Z",
    ]);
    const one = await backtest({ from: "2026-11-05T06:00:00Z", to: "2026-11-05T06:00:00Z", step: "6 hours" });
    expect(one.body.points).toHaveLength(1);
  });

  test("a small sample gives intervals around each estimate", async () => {
    const r = await backtest({ sampleSize: 30 });
    expect(r.status).toBe(200);
    expect(r.body.sample.size).toBeLessThan(PROFILES);
    for (const p of r.body.points) {
      expect(p.interval.low).toBeLessThanOrEqual(p.estimate);
      expect(p.interval.high).toBeGreaterThanOrEqual(p.estimate);
    }
  });

  test.each([
    [{ step: "1 month" }, "step", /minutes, hours, days or weeks/],
    [{ step: "0 days" }, "step", /positive duration/],
    [{ step: 86400 }, "step", /string/],
    [{ from: "2026-12-10", to: "2026-11-01" }, "to", /before from/],
    [{ from: "2026-01-01", to: "2027-12-31", step: "1 day" }, "step", /730 points.*at most 400/],
    [{ from: "2026-02-30" }, "from", /ISO 8601/],
    [{ to: undefined }, "to", /./],
    [{ sampleSize: 0 }, "sampleSize", /./],
  ])("400 naming the field: %j → %s", async (body, path, message) => {
    const r = await backtest(body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.details.issues[0].path).toBe(path);
    expect(r.body.error.details.issues[0].message).toMatch(message);
  });

  test("exactly 400 points is allowed", async () => {
    const r = await backtest({
      from: "2026-11-01",
      to: "2026-11-17T15:00:00Z",
      step: "1 hour",
      sampleSize: 10,
    });
    expect(r.status).toBe(200);
    expect(r.body.points).toHaveLength(400);
  });

  test("a definition error → 400 with the errors (line, column) validate lists", async () => {
    const definition = 'tier = "gold" and\n  count(events where) > 1';
    const r = await backtest({ definition });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_definition");
    const validate = await api.request("POST", "/v1/segments/validate", { body: { definition } });
    expect(validate.body.valid).toBe(false);
    expect(r.body.error.details.errors).toEqual(validate.body.errors);
    expect(r.body.error.details.errors[0]).toMatchObject({ line: 2, column: expect.any(Number) });

    const unknown = await backtest({ definition: 'inSegment("nope")' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0]).toMatchObject({ line: 1, column: 1 });
  });
});
