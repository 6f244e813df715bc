/** `GET /v1/fields`: the names seen in the data, from a bounded sample, behind the key. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_fields");
  const profiles = Array.from({ length: 30 }, (_, i) => ({
    id: `f-${i}`,
    attributes: {
      country: i % 2 ? "US" : "FR",
      loyalty: { tier: "gold", points: i },
      orders: [{ sku: "a" }, { note: "gift" }],
      "first-name": "Ada",
    },
    ...(i === 3 ? { scores: { churn: { score: 80, bucket: "high" } } } : {}),
  }));
  expect((await api.request("POST", "/v1/profiles", { body: { profiles } })).status).toBe(200);
  const events = profiles.flatMap(({ id }, i) => [
    { profileId: id, type: "search", timestamp: "2026-11-20T10:00:00Z", properties: { keywords: "shoes" } },
    ...(i % 3 === 0
      ? [
          {
            profileId: id,
            type: "purchase",
            timestamp: "2026-11-21T10:00:00Z",
            properties: { product: { sku: "a" } },
          },
        ]
      : []),
  ]);
  expect((await api.request("POST", "/v1/events", { body: { events } })).status).toBe(202);
});
afterAll(async () => {
  await api?.close();
});

test("attribute, score, event type and property paths", async () => {
  const r = await api.request("GET", "/v1/fields");
  expect(r.status).toBe(200);
  expect(r.body).toEqual({
    attributes: [
      "country",
      "first-name",
      "loyalty",
      "loyalty.points",
      "loyalty.tier",
      "orders",
      "orders.note",
      "orders.sku",
    ],
    scores: ["scores.churn", "scores.churn.bucket", "scores.churn.score"],
    events: { types: ["purchase", "search"], properties: ["keywords", "product", "product.sku"] },
    sample: { profiles: 30, events: 40 },
  });
});

test("needs the key", async () => {
  expect((await api.request("GET", "/v1/fields", { key: null })).status).toBe(401);
});
