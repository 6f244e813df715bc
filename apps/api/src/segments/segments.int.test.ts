/** Segments: definitions checked with their positions, inSegment across stored segments, schedules. */
import { SEGMENT_ID } from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_segments");
});
afterAll(async () => {
  await api?.close();
});

const create = (body: unknown) => api.request("POST", "/v1/segments", { body });

describe("create, read, update", () => {
  test("POST stores the segment → 201 with Location", async () => {
    const r = await create({ id: "gold", name: "Gold members", definition: 'loyalty.tier = "gold"' });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe("/v1/segments/gold");
    expect(r.body).toEqual({
      id: "gold",
      name: "Gold members",
      definition: 'loyalty.tier = "gold"',
      streaming: false,
      schedule: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: r.body.createdAt,
    });
    const got = await api.request("GET", "/v1/segments/gold");
    expect(got.body).toEqual(r.body);
  });

  test("without an id, one is made from the name", async () => {
    const r = await create({
      name: "Lapsed VIPs (EU)",
      definition: "loyalty.points > 1000",
      streaming: true,
    });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^lapsed-vips-eu-[0-9a-f]{6}$/);
    expect(r.body.id).toMatch(SEGMENT_ID);
    expect(r.body.streaming).toBe(true);
  });

  test("a bad id → 400 naming the field", async () => {
    const r = await create({ id: "not ok!", name: "x", definition: "true" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^id: letters, digits/);
  });

  test("a missing name → 400 naming it", async () => {
    const r = await create({ id: "x", definition: "true" });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe("name");
  });

  test("a bad definition → 400 with the language position", async () => {
    const r = await create({
      id: "x",
      name: "x",
      definition: 'country = "US" and' + "\n  loyalty.points >= and true",
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_definition");
    expect(r.body.error.message).toBe('segment "x": 2:21: expected a value after ">=", found "and"');
    expect(r.body.error.details.errors).toEqual([
      {
        segmentId: "x",
        line: 2,
        column: 21,
        reason: 'expected a value after ">=", found "and"',
        message: 'segment "x": 2:21: expected a value after ">=", found "and"',
      },
    ]);
    expect((await api.request("GET", "/v1/segments/x")).status).toBe(404);
  });

  test("the spec's example position: 1:19", async () => {
    const r = await create({ id: "x", name: "x", definition: "loyalty.points >= and true" });
    expect(r.body.error.message).toBe('segment "x": 1:19: expected a value after ">=", found "and"');
  });

  test("inSegment resolves against stored segments; unknown ones are errors", async () => {
    const ok = await create({
      id: "gold-us",
      name: "Gold US",
      definition: 'inSegment("gold") and country = "US"',
    });
    expect(ok.status).toBe(201);
    const bad = await create({ id: "ghostly", name: "x", definition: 'inSegment("ghost")' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0]).toMatchObject({
      segmentId: "ghostly",
      line: 1,
      column: 1,
      reason: 'inSegment refers to unknown segment "ghost"',
    });
  });

  test("a duplicate id → 409", async () => {
    const r = await create({ id: "gold", name: "again", definition: "true" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
  });

  test("GET lists all; unknown → 404", async () => {
    const list = await api.request("GET", "/v1/segments");
    expect(list.status).toBe(200);
    expect(list.body.segments.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(["gold", "gold-us"]),
    );
    const missing = await api.request("GET", "/v1/segments/nope");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  test("PUT changes fields; the definition is re-checked, and a cycle is refused", async () => {
    const renamed = await api.request("PUT", "/v1/segments/gold", { body: { name: "Gold tier" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id: "gold",
      name: "Gold tier",
      definition: 'loyalty.tier = "gold"',
    });
    expect(renamed.body.updatedAt >= renamed.body.createdAt).toBe(true);

    const cycle = await api.request("PUT", "/v1/segments/gold", {
      body: { definition: 'inSegment("gold-us")' },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.code).toBe("invalid_definition");
    expect(cycle.body.error.message).toMatch(/cycle/);
    expect((await api.request("GET", "/v1/segments/gold")).body.definition).toBe('loyalty.tier = "gold"');

    const bad = await api.request("PUT", "/v1/segments/gold", { body: { definition: "loyalty.tier =" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0]).toMatchObject({ segmentId: "gold", line: 1 });

    const redefined = await api.request("PUT", "/v1/segments/gold", {
      body: { definition: 'loyalty.tier in ["gold", "platinum"]' },
    });
    expect(redefined.status).toBe(200);
  });

  test("PUT with nothing to change → 400; unknown id → 404", async () => {
    expect((await api.request("PUT", "/v1/segments/gold", { body: {} })).status).toBe(400);
    const missing = await api.request("PUT", "/v1/segments/nope", { body: { name: "x" } });
    expect(missing.status).toBe(404);
  });
});

describe("DELETE", () => {
  test("409 while another segment reads it, naming it; 204 once free; then 404", async () => {
    const blocked = await api.request("DELETE", "/v1/segments/gold");
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details).toEqual({ dependents: ["gold-us"] });
    expect(blocked.body.error.message).toMatch(/"gold-us"/);

    expect((await api.request("DELETE", "/v1/segments/gold-us")).status).toBe(204);
    expect((await api.request("DELETE", "/v1/segments/gold")).status).toBe(204);
    expect((await api.request("GET", "/v1/segments/gold")).status).toBe(404);
    expect((await api.request("DELETE", "/v1/segments/gold")).status).toBe(404);
  });
});

describe("POST /v1/segments/validate", () => {
  test("a valid definition", async () => {
    const r = await api.request("POST", "/v1/segments/validate", {
      body: { definition: "loyalty.points > 10" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ valid: true, errors: [] });
  });

  test("an invalid one is a 200 with the errors, positioned", async () => {
    const r = await api.request("POST", "/v1/segments/validate", {
      body: { id: "x", definition: "loyalty.points >= and true" },
    });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        segmentId: "x",
        line: 1,
        column: 19,
        reason: 'expected a value after ">=", found "and"',
      }),
    ]);
  });

  test("an empty definition is a language error, not a 400", async () => {
    const r = await api.request("POST", "/v1/segments/validate", { body: { definition: "" } });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
  });

  test("a set, checked together and with the stored segments", async () => {
    await create({ id: "base", name: "base", definition: "true" });
    const r = await api.request("POST", "/v1/segments/validate", {
      body: {
        segments: [
          { id: "a", definition: 'inSegment("b") and inSegment("base")' },
          { id: "b", definition: "loyalty.points > 1" },
          { id: "c", definition: 'inSegment("nobody")' },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors.map((e: { segmentId: string }) => e.segmentId)).toEqual(["c"]);
  });

  test("neither or both forms → 400", async () => {
    for (const body of [{}, { definition: "true", segments: [{ id: "a", definition: "true" }] }]) {
      const r = await api.request("POST", "/v1/segments/validate", { body });
      expect(r.status).toBe(400);
      expect(r.body.error.details.issues[0].path).toBe("definition");
    }
  });
});

describe("POST /v1/segments/estimate", () => {
  beforeAll(async () => {
    const profiles = Array.from({ length: 400 }, (_, i) => ({ id: `e-${i}`, attributes: { n: i } }));
    const r = await api.request("POST", "/v1/profiles", { body: { profiles } });
    expect(r.status).toBe(200);
  });

  test("a sample as large as the population is exact", async () => {
    const r = await api.request("POST", "/v1/segments/estimate", {
      body: { definition: "n < 100", sampleSize: 20_000 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      estimate: 100,
      sampleSize: 400,
      matched: 100,
      population: 400,
      interval: { low: 100, high: 100, confidence: 0.95 },
      buckets: { count: 4096 },
      sampleRequested: 20_000,
      truncated: false,
    });
  });

  test("a small sample reads a bucket range sized for it and gives an interval", async () => {
    const r = await api.request("POST", "/v1/segments/estimate", {
      body: { definition: "n < 100", sampleSize: 100, now: "2026-12-01T00:00:00Z" },
    });
    expect(r.status).toBe(200);
    expect(r.body.buckets.count).toBe(1024);
    expect(r.body.population).toBe(400);
    expect(r.body.now).toBe("2026-12-01T00:00:00.000Z");
    expect(r.body.sampleSize).toBeGreaterThan(40);
    expect(r.body.sampleSize).toBeLessThan(200);
    const { low, high } = r.body.interval;
    expect(low).toBeLessThanOrEqual(r.body.estimate);
    expect(high).toBeGreaterThanOrEqual(r.body.estimate);
    expect(high - low).toBeGreaterThan(0);
  });

  test("reads stored segments through inSegment", async () => {
    await create({ id: "small-n", name: "small n", definition: "n < 50" });
    const r = await api.request("POST", "/v1/segments/estimate", {
      body: { definition: 'inSegment("small-n") or n >= 350', sampleSize: 20_000 },
    });
    expect(r.status).toBe(200);
    expect(r.body.estimate).toBe(100);
  });

  test("an invalid definition → 400 as for create; a bad sampleSize → 400 naming it", async () => {
    const bad = await api.request("POST", "/v1/segments/estimate", { body: { definition: "n <" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_definition");
    for (const sampleSize of [0, 20_001, 1.5, "10"]) {
      const r = await api.request("POST", "/v1/segments/estimate", {
        body: { definition: "true", sampleSize },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details.issues[0].path).toBe("sampleSize");
    }
  });
});

describe("schedules", () => {
  const scheduler = (id: string) => api.producer.queues.runs.getJobScheduler(id);

  test("a segment's schedule becomes a job scheduler, changed and removed with it", async () => {
    const r = await create({ id: "nightly", name: "nightly", definition: "true", schedule: "0 3 * * *" });
    expect(r.status).toBe(201);
    expect(r.body.schedule).toBe("0 3 * * *");
    const s = await scheduler("segment-nightly");
    expect(s).toMatchObject({
      pattern: "0 3 * * *",
      name: "scheduled-run",
      template: { data: { segmentIds: ["nightly"] } },
    });

    const list = await api.request("GET", "/v1/schedules");
    expect(list.body.schedules).toEqual([
      {
        id: "segment-nightly",
        pattern: "0 3 * * *",
        next: expect.stringMatching(/T03:00:00\.000Z$/),
        segmentIds: ["nightly"],
      },
    ]);

    await api.request("PUT", "/v1/segments/nightly", { body: { schedule: "*/15 * * * *" } });
    expect((await scheduler("segment-nightly"))?.pattern).toBe("*/15 * * * *");

    const cleared = await api.request("PUT", "/v1/segments/nightly", { body: { schedule: null } });
    expect(cleared.body.schedule).toBeNull();
    expect(await scheduler("segment-nightly")).toBeUndefined();

    await api.request("PUT", "/v1/segments/nightly", { body: { schedule: "0 4 * * *" } });
    expect(await scheduler("segment-nightly")).toBeDefined();
    expect((await api.request("DELETE", "/v1/segments/nightly")).status).toBe(204);
    expect(await scheduler("segment-nightly")).toBeUndefined();
  });

  test("a bad cron pattern → 400 naming schedule, and nothing is stored", async () => {
    for (const schedule of ["every day", "61 * * * *", "* * *"]) {
      const r = await create({ id: "badcron", name: "x", definition: "true", schedule });
      expect(r.status, schedule).toBe(400);
      expect(r.body.error.details.issues[0].path).toBe("schedule");
    }
    expect((await api.request("GET", "/v1/segments/badcron")).status).toBe(404);
  });

  test("PUT /v1/schedules/all sets and clears the run of every segment", async () => {
    const set = await api.request("PUT", "/v1/schedules/all", { body: { schedule: "0 0 * * 0" } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      id: "all-segments",
      schedule: { id: "all-segments", pattern: "0 0 * * 0" },
    });
    // The first run waits as a delayed job: a scheduled-run of every segment (no segmentIds).
    const delayed = await api.producer.queues.runs.getDelayed();
    const next = delayed.find((j) => j.id?.startsWith("repeat:all-segments:"));
    expect(next).toMatchObject({ name: "scheduled-run", data: {} });
    const list = await api.request("GET", "/v1/schedules");
    expect(list.body.schedules).toContainEqual(
      expect.objectContaining({ id: "all-segments", segmentIds: null }),
    );

    const bad = await api.request("PUT", "/v1/schedules/all", { body: { schedule: "nope" } });
    expect(bad.status).toBe(400);
    const missing = await api.request("PUT", "/v1/schedules/all", { body: {} });
    expect(missing.status).toBe(400);

    const cleared = await api.request("PUT", "/v1/schedules/all", { body: { schedule: null } });
    expect(cleared.body).toEqual({ id: "all-segments", schedule: null });
    expect(await scheduler("all-segments")).toBeUndefined();
  });
});
