/** GET /v1/profiles/:id/memberships: a profile's membership changes, newest first. */
import { membershipChangeId } from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

beforeAll(async () => {
  api = await startTestApi("api_membership_history");
  await api.request("POST", "/v1/profiles", {
    body: {
      profiles: [
        { id: "h-1", attributes: {} },
        { id: "h-2", attributes: {} },
      ],
    },
  });
  const change = (profileId: string, segmentId: string, status: "realized" | "exited", d: number) => ({
    _id: membershipChangeId(`run-${d}`, segmentId, profileId),
    profileId,
    segmentId,
    status,
    at: day(d),
    runId: `run-${d}`,
    source: "batch" as const,
  });
  await api.store.membershipChanges.insertMany([
    change("h-1", "gold", "realized", 1),
    change("h-1", "gold", "exited", 3),
    change("h-1", "lapsed", "realized", 2),
    change("h-2", "gold", "realized", 1),
  ]);
});
afterAll(async () => {
  await api?.close();
});

describe("GET /v1/profiles/:id/memberships", () => {
  test("every change of the profile, newest first", async () => {
    const r = await api.request("GET", "/v1/profiles/h-1/memberships");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      profileId: "h-1",
      changes: [
        { segmentId: "gold", status: "exited", at: day(3).toISOString(), runId: "run-3", source: "batch" },
        {
          segmentId: "lapsed",
          status: "realized",
          at: day(2).toISOString(),
          runId: "run-2",
          source: "batch",
        },
        { segmentId: "gold", status: "realized", at: day(1).toISOString(), runId: "run-1", source: "batch" },
      ],
    });
  });

  test("limit keeps the newest", async () => {
    const r = await api.request("GET", "/v1/profiles/h-1/memberships?limit=2");
    expect(r.status).toBe(200);
    expect(r.body.changes.map((c: { runId: string }) => c.runId)).toEqual(["run-3", "run-2"]);
  });

  test("a limit out of 1..1000 → 400", async () => {
    for (const limit of ["0", "1001", "x"]) {
      const r = await api.request("GET", `/v1/profiles/h-1/memberships?limit=${limit}`);
      expect(r.status, limit).toBe(400);
    }
  });

  test("a profile with no change has an empty history; an unknown profile → 404", async () => {
    await api.request("POST", "/v1/profiles", { body: { profiles: [{ id: "h-3", attributes: {} }] } });
    const none = await api.request("GET", "/v1/profiles/h-3/memberships");
    expect(none.body).toEqual({ profileId: "h-3", changes: [] });
    const r = await api.request("GET", "/v1/profiles/nobody/memberships");
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "not_found", message: 'profile "nobody" not found' });
  });
});
