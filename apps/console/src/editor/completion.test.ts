import { describe, expect, test } from "vitest";
import { contextAt, writePath } from "./completion.js";

describe("contextAt", () => {
  test.each([
    ["loyalty.ti", { kind: "path", from: 0 }],
    ['country = "US" and loy', { kind: "path", from: 19 }],
    ["exists(events where ty", { kind: "eventPath", from: 20 }],
    ['exists(events where type = "search" and keywords', { kind: "eventPath", from: 40 }],
    ['exists(events where type = "pur', { kind: "eventType", from: 28 }],
    ['count(events where type in ["search", "pu', { kind: "eventType", from: 39 }],
    ["count(events where x = 1) > 2 and coun", { kind: "path", from: 34 }],
    ["sum(events.reve", { kind: "eventValue", from: 11 }],
    ['country = "U', { kind: "none" }],
    ["country # a comment", { kind: "none" }],
  ] as const)("%s", (before, expected) => {
    expect(contextAt(before)).toEqual(expected);
  });

  test("a filter that spans lines, and parentheses inside it", () => {
    expect(contextAt('exists(events where (type = "a"\n  or amount > 2) and pro').kind).toBe("eventPath");
    expect(contextAt('exists(events where type = "a")\nand pro').kind).toBe("path");
  });
});

test("writePath quotes what is not a plain name, and reserved words", () => {
  expect(writePath("loyalty.tier")).toBe("loyalty.tier");
  expect(writePath("first-name")).toBe("`first-name`");
  expect(writePath("stats.count")).toBe("stats.`count`");
});

test("a minus ends a path; a quoted name is one", () => {
  expect(contextAt("loyalty.points-lo")).toEqual({ kind: "path", from: 15 });
  expect(contextAt("`first-na")).toEqual({ kind: "path", from: 0 });
});
