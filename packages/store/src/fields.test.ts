import { describe, expect, test } from "vitest";
import { collectPaths } from "./fields.js";

const paths = (value: unknown, prefix = "") => {
  const into = new Set<string>();
  collectPaths(value, prefix, into);
  return [...into].sort();
};

describe("collectPaths", () => {
  test("objects and their leaves, nested", () => {
    expect(paths({ country: "US", loyalty: { tier: "gold", points: 1 } })).toEqual([
      "country",
      "loyalty",
      "loyalty.points",
      "loyalty.tier",
    ]);
  });

  test("a path through an array reads its elements' keys, nested arrays included", () => {
    expect(paths({ orders: [{ sku: "a" }, { note: "gift" }, 3], codes: ["a", ["b"]] })).toEqual([
      "codes",
      "orders",
      "orders.note",
      "orders.sku",
    ]);
  });

  test("under a prefix; nothing for scalars, null and dates", () => {
    expect(paths({ churn: { score: 80 } }, "scores")).toEqual(["scores.churn", "scores.churn.score"]);
    expect(paths(null)).toEqual([]);
    expect(paths("x")).toEqual([]);
    expect(paths(new Date())).toEqual([]);
  });
});
