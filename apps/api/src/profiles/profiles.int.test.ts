/** Profiles, events and explanations. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
const touched: string[][] = [];
beforeAll(async () => {
  api = await startTestApi("api_profiles", { onProfilesChanged: (ids) => void touched.push(ids) });
});
afterAll(async () => {
  await api?.close();
});

const NOW = "2026-12-01T00:00:00Z";

describe("POST /v1/profiles", () => {
  test("upserts, hands the written ids to onProfilesChanged, and GET returns the profile", async () => {
    touched.length = 0;
    const r = await api.request("POST", "/v1/profiles", {
      body: {
        profiles: [
          { id: "p-1", attributes: { country: "US", loyalty: { tier: "gold", points: 1200 } } },
          { id: "p-2", attributes: { country: "FR" }, scores: { churn: { score: 87 } } },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ upserted: 2, inserted: 2, updated: 0, rejected: [] });
    expect(touched).toEqual([["p-1", "p-2"]]);

    const again = await api.request("POST", "/v1/profiles", {
      body: { profiles: [{ id: "p-2", attributes: { country: "DE" } }] },
    });
    expect(again.body).toEqual({ upserted: 1, inserted: 0, updated: 1, rejected: [] });

    const p2 = await api.request("GET", "/v1/profiles/p-2");
    expect(p2.status).toBe(200);
    expect(p2.body).toMatchObject({
      id: "p-2",
      attributes: { country: "DE" },
      scores: { churn: { score: 87 } }, // kept: scores were not given this time
      segmentMembership: {},
      segments: [],
    });
    expect(p2.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test("memberships are shown with ISO times; segments lists the ones it is in", async () => {
    const at = new Date("2026-11-01T00:00:00Z");
    await api.store.profiles.updateOne(
      { _id: "p-1" },
      {
        $set: {
          segmentMembership: {
            gold: { status: "realized", lastQualificationTime: at, runId: "run-a" },
            lapsed: { status: "exited", lastQualificationTime: at, runId: "run-a" },
          },
        },
      },
    );
    const r = await api.request("GET", "/v1/profiles/p-1");
    expect(r.body.segmentMembership).toEqual({
      gold: {
        status: "realized",
        lastQualificationTime: "2026-11-01T00:00:00.000Z",
        runId: "run-a",
        source: "batch",
      },
      lapsed: {
        status: "exited",
        lastQualificationTime: "2026-11-01T00:00:00.000Z",
        runId: "run-a",
        source: "batch",
      },
    });
    expect(r.body.segments).toEqual(["gold"]);
  });

  test("an unknown profile → 404", async () => {
    const r = await api.request("GET", "/v1/profiles/nobody");
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "not_found", message: 'profile "nobody" not found' });
  });

  const many = Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}`, attributes: {} }));
  test.each([
    [{}, "profiles", /expected array/],
    [{ profiles: [] }, "profiles", /Too small/],
    [{ profiles: many }, "profiles", /Too big/],
    [{ profiles: [{ id: "", attributes: {} }] }, "profiles.0.id", /Too small/],
    [
      {
        profiles: [
          { id: "a", attributes: {} },
          { id: 7, attributes: {} },
        ],
      },
      "profiles.1.id",
      /expected string/,
    ],
    [{ profiles: [{ id: "x".repeat(257), attributes: {} }] }, "profiles.0.id", /Too big/],
    [{ profiles: [{ id: "a" }] }, "profiles.0.attributes", /expected an object/],
    [{ profiles: [{ id: "a", attributes: [1] }] }, "profiles.0.attributes", /expected an object/],
    [{ profiles: [{ id: "a", attributes: {}, scores: "high" }] }, "profiles.0.scores", /expected an object/],
    [{ profiles: [{ id: "\ud800", attributes: {} }] }, "profiles.0.id", /lone surrogate/],
    [
      {
        profiles: [
          { id: "a", attributes: {} },
          { id: "b", attributes: {} },
          { id: "a", attributes: {} },
        ],
      },
      "profiles.2.id",
      /duplicate id "a" \(also at profiles\.0\.id\)/,
    ],
  ])("400 names the field: %j → %s", async (body, path, message) => {
    const r = await api.request("POST", "/v1/profiles", { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message.startsWith(`${path}: `)).toBe(true);
    expect(r.body.error.details.issues[0].path).toBe(path);
    expect(r.body.error.details.issues[0].message).toMatch(message);
  });

  test("deep nesting → 400, not a database error", async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const r = await api.request("POST", "/v1/profiles", {
      body: { profiles: [{ id: "a", attributes: { deep } }] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(
      /^profiles\.0\.attributes\.deep(\.d)+: nested deeper than 32 levels/,
    );
  });
});

describe("POST /v1/events", () => {
  test("stores events (creating unknown profiles) and hands the touched ids to onProfilesChanged", async () => {
    touched.length = 0;
    const r = await api.request("POST", "/v1/events", {
      body: {
        events: [
          {
            profileId: "p-1",
            type: "purchase",
            timestamp: "2026-11-20T10:00:00Z",
            properties: { revenue: 120 },
          },
          { profileId: "p-1", type: "search", timestamp: "2026-11-21", properties: { keywords: "shoes" } },
          { profileId: "p-new", type: "search", timestamp: "2026-11-22T08:00:00+02:00" },
        ],
      },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 3, rejected: [] });
    expect(touched).toEqual([["p-1", "p-new"]]);
    const stored = await api.store.events.find({ profileId: "p-1" }).sort({ timestamp: 1 }).toArray();
    expect(stored.map((e) => [e.type, e.timestamp.toISOString()])).toEqual([
      ["purchase", "2026-11-20T10:00:00.000Z"],
      ["search", "2026-11-21T00:00:00.000Z"],
    ]);
    const created = await api.request("GET", "/v1/profiles/p-new");
    expect(created.status).toBe(200);
    expect(created.body.attributes).toEqual({});
  });

  test.each([
    [{ events: [] }, "events", /Too small/],
    [{ events: [{ type: "x", timestamp: NOW }] }, "events.0.profileId", /expected string/],
    [{ events: [{ profileId: "a", timestamp: NOW }] }, "events.0.type", /expected string/],
    [{ events: [{ profileId: "a", type: "x" }] }, "events.0.timestamp", /expected string/],
    [
      { events: [{ profileId: "a", type: "x", timestamp: "2026-02-30" }] },
      "events.0.timestamp",
      /not an ISO 8601/,
    ],
    [
      { events: [{ profileId: "a", type: "x", timestamp: "yesterday" }] },
      "events.0.timestamp",
      /not an ISO 8601/,
    ],
    [
      { events: [{ profileId: "a", type: "x", timestamp: 1764547200000 }] },
      "events.0.timestamp",
      /expected string/,
    ],
    [
      { events: [{ profileId: "a", type: "x", timestamp: NOW, properties: ["no"] }] },
      "events.0.properties",
      /expected an object/,
    ],
    [{ events: [{ profileId: "a", type: "\udc00", timestamp: NOW }] }, "events.0.type", /lone surrogate/],
  ])("400 names the field: %j → %s", async (body, path, message) => {
    const r = await api.request("POST", "/v1/events", { body });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe(path);
    expect(r.body.error.details.issues[0].message).toMatch(message);
  });

  test("GET /v1/profiles/:id?events=N includes its N latest events, newest first; none by default", async () => {
    const r = await api.request("POST", "/v1/events", {
      body: {
        events: ["2026-10-01", "2026-10-03", "2026-10-02"].map((day, i) => ({
          profileId: "p-latest",
          type: `t${i}`,
          timestamp: day,
          properties: { i },
        })),
      },
    });
    expect(r.status).toBe(202);
    const two = await api.request("GET", "/v1/profiles/p-latest?events=2");
    expect(two.status).toBe(200);
    expect(two.body.events).toEqual([
      { type: "t1", timestamp: "2026-10-03T00:00:00.000Z", properties: { i: 1 } },
      { type: "t2", timestamp: "2026-10-02T00:00:00.000Z", properties: { i: 2 } },
    ]);
    expect((await api.request("GET", "/v1/profiles/p-latest")).body.events).toBeUndefined();
    const tooMany = await api.request("GET", "/v1/profiles/p-latest?events=1001");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/^events: /);
  });

  test("more than 5000 events → 400", async () => {
    const events = Array.from({ length: 5001 }, () => ({ profileId: "a", type: "x", timestamp: NOW }));
    const r = await api.request("POST", "/v1/events", { body: { events } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^events: Too big/);
  });
});

describe("GET /v1/profiles/:id/explain", () => {
  beforeAll(async () => {
    for (const [id, definition] of [
      ["buyers", 'exists(events where type = "purchase" and timestamp within last 30 days)'],
      ["us-buyers", 'country = "US" and inSegment("buyers")'],
    ]) {
      const r = await api.request("POST", "/v1/segments", { body: { id, name: id, definition } });
      expect(r.status).toBe(201);
    }
  });

  test("explains, reading the events and the segments it depends on", async () => {
    const r = await api.request("GET", `/v1/profiles/p-1/explain?segment=us-buyers&now=${NOW}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      profileId: "p-1",
      segmentId: "us-buyers",
      now: "2026-12-01T00:00:00.000Z",
      holds: true,
      explanation: { segmentId: "us-buyers", holds: true },
    });
    expect(r.body.explanation.root.children.length).toBeGreaterThan(0);
  });

  test("now moves the window: 60 days later the purchase is too old", async () => {
    const r = await api.request("GET", "/v1/profiles/p-1/explain?segment=buyers&now=2027-01-31T00:00:00Z");
    expect(r.status).toBe(200);
    expect(r.body.holds).toBe(false);
  });

  test("an unknown segment is a 404 naming it before any profile is read", async () => {
    // The segment is resolved first: with both unknown, the answer is about the segment.
    const neither = await api.request("GET", "/v1/profiles/nobody/explain?segment=nope");
    expect(neither.status).toBe(404);
    expect(neither.body.error.message).toMatch(/nope/);
    expect(neither.body.error.message).not.toMatch(/nobody/);
  });

  test("404 for an unknown profile or segment; 400 for a bad now or no segment", async () => {
    const noProfile = await api.request("GET", "/v1/profiles/nobody/explain?segment=buyers");
    expect(noProfile.status).toBe(404);
    const noSegment = await api.request("GET", "/v1/profiles/p-1/explain?segment=ghost");
    expect(noSegment.status).toBe(404);
    expect(noSegment.body.error.message).toMatch(/ghost/);
    const badNow = await api.request("GET", "/v1/profiles/p-1/explain?segment=buyers&now=2026-13-01");
    expect(badNow.status).toBe(400);
    expect(badNow.body.error.message).toMatch(/^now: not an ISO 8601 instant/);
    const missing = await api.request("GET", "/v1/profiles/p-1/explain");
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe("segment");
  });
});
