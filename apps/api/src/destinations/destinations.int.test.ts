/**
 * /v1/destinations over real services: create, read, change, delete; validation errors that name
 * the field; secrets never in any answer; dead letters listed in pages and replayed (a fresh
 * deliver job each, the delivery pending again), a non-dead delivery refused.
 */
import { type DeliveryDoc, insertDeliveries, markDeliveryDead } from "@segflow/store";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
const SECRET = "whsec_do_not_echo_9f3";
const created = new Date("2026-12-01T00:00:00Z");

beforeAll(async () => {
  api = await startTestApi("api_destinations");
  for (const id of ["gold", "lapsed"]) {
    const r = await api.request("POST", "/v1/segments", { body: { id, name: id, definition: "true" } });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await api?.close();
});

function delivery(id: string, destinationId: string): DeliveryDoc {
  return {
    _id: id,
    destinationId,
    batchId: id,
    changes: [
      {
        id: `r:gold:${id}`,
        profileId: id,
        segmentId: "gold",
        status: "realized",
        at: created,
        source: "batch",
        runId: "r",
      },
    ],
    changeCount: 1,
    status: "pending",
    attempts: 0,
    lastError: null,
    lastStatusCode: null,
    replays: 0,
    createdAt: created,
    deliveredAt: null,
    deadAt: null,
  };
}

describe("destinations CRUD", () => {
  test("create → 201 without the secret; read, list, change, delete", async () => {
    const r = await api.request("POST", "/v1/destinations", {
      body: { id: "crm", url: "https://crm.example/hooks/segflow", secret: SECRET, segments: ["gold"] },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe("/v1/destinations/crm");
    expect(r.body).toEqual({
      id: "crm",
      url: "https://crm.example/hooks/segflow",
      secretSet: true,
      segments: ["gold"],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const all = await api.request("POST", "/v1/destinations", {
      body: { id: "warehouse", url: "http://10.0.0.5:8080/in", secret: "s2" },
    });
    expect(all.body.segments).toBeNull();

    expect((await api.request("GET", "/v1/destinations/crm")).body).toEqual(r.body);
    const list = await api.request("GET", "/v1/destinations");
    expect(list.body.destinations.map((d: { id: string }) => d.id)).toEqual(["crm", "warehouse"]);

    const changed = await api.request("PUT", "/v1/destinations/crm", {
      body: { segments: ["gold", "lapsed", "gold"], secret: "rotated-secret" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      url: "https://crm.example/hooks/segflow",
      segments: ["gold", "lapsed"],
      secretSet: true,
    });
    expect((await api.store.destinations.findOne({ _id: "crm" }))?.secret).toBe("rotated-secret");
    const back = await api.request("PUT", "/v1/destinations/crm", { body: { segments: null } });
    expect(back.body.segments).toBeNull();

    expect((await api.request("DELETE", "/v1/destinations/warehouse")).status).toBe(204);
    expect((await api.request("GET", "/v1/destinations/warehouse")).status).toBe(404);
    expect((await api.request("DELETE", "/v1/destinations/warehouse")).status).toBe(404);
  });

  test("no answer ever carries a secret", async () => {
    const texts = [
      (await api.request("GET", "/v1/destinations")).text,
      (await api.request("GET", "/v1/destinations/crm")).text,
      (await api.request("PUT", "/v1/destinations/crm", { body: { url: "https://crm.example/v2" } })).text,
      (
        await api.request("POST", "/v1/destinations", {
          body: { id: "crm", url: "https://x.example", secret: SECRET },
        })
      ).text,
      (await api.request("GET", "/openapi.json")).text,
    ];
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("rotated-secret");
    }
  });

  test.each([
    ["a URL that is not http(s)", { id: "d1", url: "ftp://x.example/", secret: "s" }, "url", 400],
    ["a relative URL", { id: "d1", url: "/hooks", secret: "s" }, "url", 400],
    ["an empty secret", { id: "d1", url: "https://x.example/", secret: "" }, "secret", 400],
    ["no secret", { id: "d1", url: "https://x.example/" }, "secret", 400],
    ["a bad id", { id: "no spaces", url: "https://x.example/", secret: "s" }, "id", 400],
    [
      "an empty segment list",
      { id: "d1", url: "https://x.example/", secret: "s", segments: [] },
      "segments",
      400,
    ],
    [
      "an unknown segment",
      { id: "d1", url: "https://x.example/", secret: "s", segments: ["gold", "nope"] },
      "segments.1",
      404,
    ],
  ])("create with %s → %s naming %s", async (_, body, path, status) => {
    const r = await api.request("POST", "/v1/destinations", { body });
    expect(r.status).toBe(status);
    expect(r.body.error.message.startsWith(`${path}:`)).toBe(true);
    expect(r.body.error.details.issues[0].path).toBe(path);
    expect((await api.request("GET", "/v1/destinations/d1")).status).toBe(404);
  });

  test("a taken id → 409; a change of nothing → 400; of an unknown destination → 404", async () => {
    const dup = await api.request("POST", "/v1/destinations", {
      body: { id: "crm", url: "https://x.example", secret: "s" },
    });
    expect(dup.status).toBe(409);
    expect((await api.request("PUT", "/v1/destinations/crm", { body: {} })).status).toBe(400);
    const unknownSegment = await api.request("PUT", "/v1/destinations/crm", { body: { segments: ["nope"] } });
    expect(unknownSegment.status).toBe(404);
    expect(unknownSegment.body.error.message).toBe('segments.0: segment "nope" not found');
    const missing = await api.request("PUT", "/v1/destinations/nobody", {
      body: { url: "https://x.example" },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('destination "nobody" not found');
  });
});

describe("dead letters", () => {
  beforeAll(async () => {
    await api.request("POST", "/v1/destinations", {
      body: { id: "flaky", url: "https://flaky.example/", secret: "s" },
    });
    await insertDeliveries(
      api.store,
      ["flaky-a", "flaky-b", "flaky-c", "flaky-d"].map((id) => delivery(id, "flaky")),
    );
    for (const id of ["flaky-a", "flaky-b", "flaky-c"]) {
      await api.store.deliveries.updateOne({ _id: id }, { $set: { attempts: 8, lastStatusCode: 500 } });
      await markDeliveryDead(api.store, id, "HTTP 500: down");
    }
  });

  test("are listed in pages, with their changes count, attempts, last error and times", async () => {
    const first = await api.request("GET", "/v1/destinations/flaky/dead-letters?limit=2");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      destinationId: "flaky",
      deadLetters: [
        {
          id: "flaky-a",
          changes: 1,
          attempts: 8,
          lastError: "HTTP 500: down",
          lastStatusCode: 500,
          replays: 0,
          createdAt: created.toISOString(),
          deadAt: expect.any(String),
        },
        expect.objectContaining({ id: "flaky-b" }),
      ],
      next: "flaky-b",
    });
    const second = await api.request("GET", "/v1/destinations/flaky/dead-letters?limit=2&after=flaky-b");
    expect(second.body.deadLetters.map((d: { id: string }) => d.id)).toEqual(["flaky-c"]);
    expect(second.body.next).toBeNull();
    expect((await api.request("GET", "/v1/destinations/flaky/dead-letters?limit=0")).status).toBe(400);
    expect((await api.request("GET", "/v1/destinations/nobody/dead-letters")).status).toBe(404);
  });

  test("one is replayed: pending again, with a fresh deliver job; again only once dead again", async () => {
    const r = await api.request("POST", "/v1/destinations/flaky/dead-letters/flaky-a/replay");
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      destinationId: "flaky",
      replayed: [{ deliveryId: "flaky-a", jobId: "deliver-flaky-a-replay-1", replay: 1, changes: 1 }],
    });
    expect(await api.store.deliveries.findOne({ _id: "flaky-a" })).toMatchObject({
      status: "pending",
      replays: 1,
    });
    const job = await api.producer.queues.feed.getJob("deliver-flaky-a-replay-1");
    expect(job?.data).toEqual({ deliveryId: "flaky-a" });
    expect(job?.opts.attempts).toBe(api.config.DESTINATION_ATTEMPTS);

    const again = await api.request("POST", "/v1/destinations/flaky/dead-letters/flaky-a/replay");
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is pending, not dead/);
    expect((await api.request("POST", "/v1/destinations/flaky/dead-letters/flaky-d/replay")).status).toBe(
      409,
    );
    expect((await api.request("POST", "/v1/destinations/flaky/dead-letters/nope/replay")).status).toBe(404);
    expect((await api.request("POST", "/v1/destinations/crm/dead-letters/flaky-b/replay")).status).toBe(404);
  });

  test("all are replayed at once; the list is then empty", async () => {
    const r = await api.request("POST", "/v1/destinations/flaky/dead-letters/replay");
    expect(r.status).toBe(202);
    expect(r.body.replayed.map((x: { jobId: string }) => x.jobId)).toEqual([
      "deliver-flaky-b-replay-1",
      "deliver-flaky-c-replay-1",
    ]);
    const list = await api.request("GET", "/v1/destinations/flaky/dead-letters");
    expect(list.body.deadLetters).toEqual([]);
  });

  test("deleting the destination drops its deliveries", async () => {
    expect((await api.request("DELETE", "/v1/destinations/flaky")).status).toBe(204);
    expect(await api.store.deliveries.countDocuments({ destinationId: "flaky" })).toBe(0);
  });
});
