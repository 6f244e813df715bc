/**
 * Nested arrays are stored as given and read as docs/segment-language.md ("Arrays", "segflow's
 * choices") says: a comparison on an array tests its elements, an element that is itself an array
 * matches nothing, and a path through an array of objects flattens one level of nesting.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_nested_arrays");
});
afterAll(async () => {
  await api?.close();
});

const NOW = "2026-12-01T00:00:00Z";
const attributes = {
  tags: ["runner", 5, null, "Vip", ["vip"]],
  orders: [{ skus: ["a", "b"] }, { skus: "c" }, { skus: [["d"]] }, { note: "gift" }],
  matrix: [
    [1, 2],
    [3, [4]],
  ],
};
const events = [
  {
    profileId: "p-nested",
    type: "purchase",
    timestamp: "2026-11-20T10:00:00Z",
    properties: { items: [{ sku: ["x", "y"] }, { sku: "z" }], codes: [["q"], "r"] },
  },
];

beforeAll(async () => {
  const profiles = await api.request("POST", "/v1/profiles", {
    body: {
      profiles: [
        { id: "p-plain", attributes: { tags: ["x"] } },
        { id: "p-nested", attributes },
      ],
    },
  });
  expect(profiles.status).toBe(200);
  expect(profiles.body).toEqual({ upserted: 2, inserted: 2, updated: 0, rejected: [] });
  const stored = await api.request("POST", "/v1/events", { body: { events } });
  expect(stored.status).toBe(202);
  expect(stored.body).toEqual({ accepted: 1, rejected: [] });
});

test("a profile with nested arrays reads back equal", async () => {
  const r = await api.request("GET", "/v1/profiles/p-nested");
  expect(r.status).toBe(200);
  expect(r.body.attributes).toEqual(attributes);
});

test("an event with nested arrays is stored equal", async () => {
  const [stored] = await api.store.events.find({ profileId: "p-nested" }).toArray();
  expect(stored?.properties).toEqual(events[0]!.properties);
});

// [definition, holds for p-nested, the rule of docs/segment-language.md]
const rows: [string, boolean, string][] = [
  ['tags = "runner"', true, "a comparison on an array holds when it holds for some element"],
  ['tags = "Vip"', true, "strings compare exactly"],
  ['tags = "vip"', false, 'the nested ["vip"] is an element that is an array: it matches nothing'],
  ['tags contains "vip"', false, "contains tests element equality; an array element equals nothing"],
  ['tags != "vip"', true, "!= holds when = holds for no element"],
  ["tags contains 5", true, "contains tests element equality"],
  ["tags > 4", true, "5 is an element greater than 4"],
  ["lower(tags) is null", true, "lower of an array is missing"],
  ['lower(tags) = "vip"', false, "a comparison with a missing value is false"],
  ["length(tags) = 5", true, "length counts every element, nested arrays and null included"],
  ['orders.skus = "b"', true, "a path through objects flattens one level: [a, b, c, [d]]"],
  ["length(orders.skus) = 4", true, "flattened once: a, b, c and the array [d]"],
  ['orders.skus = "d"', false, "only one level is flattened: [d] stays an array element"],
  ["matrix = 1", false, "no path through objects here: the elements are arrays, which match nothing"],
  ["matrix.x is null", true, "a path does not descend into nested arrays"],
  ['exists(events where items.sku = "y")', true, "the same rules inside an event filter"],
  ['exists(events where codes = "q")', false, "an element that is an array matches nothing"],
  ['exists(events where codes = "r")', true, "other elements still match"],
];

describe("segments over nested arrays (explain)", () => {
  test.each(rows)("%s → %s (%s)", async (definition, holds) => {
    const id = `s-${rows.findIndex(([d]) => d === definition)}`;
    const created = await api.request("POST", "/v1/segments", { body: { id, name: id, definition } });
    expect(created.status).toBe(201);
    const r = await api.request("GET", `/v1/profiles/p-nested/explain?segment=${id}&now=${NOW}`);
    expect(r.status).toBe(200);
    expect(r.body.holds).toBe(holds);
  });
});
