/**
 * GET /v1/profiles/:id/live: every stored segment evaluated for the profile on the spot, nothing
 * written; segments changed by anyone (here: written to the store directly, as another replica
 * would) are seen without restarting the API.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { updateSegment } from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
const NOW = "2026-11-29T12:00:00.000Z";
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

beforeAll(async () => {
  api = await startTestApi("api_live");
  const ok = async (path: string, body: unknown, status = 200) =>
    expect((await api.request("POST", path, { body })).status).toBe(status);
  await ok("/v1/profiles", {
    profiles: [
      { id: "ann", attributes: { tier: "gold" } },
      { id: "bob", attributes: { tier: "silver" } },
    ],
  });
  await ok(
    "/v1/events",
    {
      events: [
        { profileId: "ann", type: "purchase", timestamp: ago(2), properties: { revenue: 80 } },
        { profileId: "bob", type: "purchase", timestamp: ago(20), properties: { revenue: 500 } },
      ],
    },
    202,
  );
  for (const [id, definition] of [
    ["gold", 'tier = "gold"'],
    ["recent-buyers", 'exists(events where type = "purchase" and timestamp within last 7 days)'],
    ["gold-recent", 'inSegment("gold") and inSegment("recent-buyers")'],
  ]) {
    await ok("/v1/segments", { id, name: id, definition }, 201);
  }
});

afterAll(async () => {
  await api?.close();
});

const live = (id: string, now?: string) =>
  api.request(
    "GET",
    `/v1/profiles/${encodeURIComponent(id)}/live${now ? `?now=${encodeURIComponent(now)}` : ""}`,
  );

/** Polls the live lookup until `accept` holds, for a change that must be seen within the cache's ttl (1 s). */
async function eventually(id: string, accept: (segments: string[]) => boolean): Promise<string[]> {
  let last: string[] = [];
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
    last = (await live(id, NOW)).body.segments;
    if (accept(last)) return last;
  }
  throw new Error(`never accepted; last answer ${JSON.stringify(last)}`);
}

describe("GET /v1/profiles/:id/live", () => {
  test("the segments the profile is in at now, inSegment included", async () => {
    const r = await live("ann", NOW);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: "ann",
      now: NOW,
      segments: ["gold", "gold-recent", "recent-buyers"],
      tookMs: expect.any(Number),
    });
    expect((await live("bob", NOW)).body.segments).toEqual([]);
  });

  test("now moves the instant: events after it do not exist, windows close", async () => {
    expect((await live("ann", ago(3))).body.segments).toEqual(["gold"]);
    expect((await live("bob", ago(19))).body.segments).toEqual(["recent-buyers"]);
    expect((await live("ann", ago(-6))).body.segments).toEqual(["gold"]);
  });

  test("without now: the current time", async () => {
    const before = Date.now();
    const r = await live("ann");
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.now)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(r.body.now)).toBeLessThanOrEqual(Date.now());
  });

  test("an unknown profile → 404, the same answer as GET /v1/profiles/:id", async () => {
    const r = await live("nobody");
    expect(r.status).toBe(404);
    const read = await api.request("GET", "/v1/profiles/nobody");
    expect(r.body).toEqual(read.body);
    expect(r.body.error.code).toBe("not_found");
  });

  test("a bad now → 400 naming it", async () => {
    const r = await live("ann", "2026-02-30");
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe("now");
  });

  test("writes nothing: no membership, no history", async () => {
    await live("ann", NOW);
    const doc = await api.store.profiles.findOne({ _id: "ann" });
    expect(doc?.segmentMembership ?? {}).toEqual({});
    expect(await api.store.membershipChanges.countDocuments({})).toBe(0);
  });

  test("a segment created through the API, or changed in the store by another replica, is seen", async () => {
    expect(
      (await api.request("POST", "/v1/segments", { body: { id: "all", name: "all", definition: "true" } }))
        .status,
    ).toBe(201);
    expect(await eventually("bob", (s) => s.includes("all"))).toEqual(["all"]);

    // Another replica's write: the store only, this API told nothing.
    await updateSegment(api.store, "gold", { definition: 'tier = "silver"' }, new Date(Date.now() + 60_000));
    expect(await eventually("bob", (s) => s.includes("gold"))).toEqual(["all", "gold"]);
    expect((await live("ann", NOW)).body.segments).toEqual(["all", "recent-buyers"]);
  });
});
