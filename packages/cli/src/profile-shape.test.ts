import { describe, expect, it } from "vitest";
import { toProfile } from "./profile-shape.js";

describe("toProfile", () => {
  it.each([
    [{ id: "p-1" }],
    [{ id: "p-1", attributes: { a: 1 }, events: [{ type: "x" }, {}], scores: { churn: { score: 3 } } }],
    [{ id: "p-1", attributes: null, events: null, scores: null }],
    [{ id: "p-1", extra: "kept, ignored by the language" }],
  ])("accepts %j", (value) => {
    expect(toProfile(value)).toBe(value);
  });

  it.each([
    [[], "expected a profile object, found an array"],
    ["p-1", "expected a profile object, found a string"],
    [null, "expected a profile object, found null"],
    [{}, 'missing "id"'],
    [{ id: 7 }, '"id" must be a non-empty string, found a number'],
    [{ id: "" }, '"id" must be a non-empty string, found a string'],
    [{ id: "p", attributes: [] }, '"attributes" must be an object, found an array'],
    [{ id: "p", scores: 1 }, '"scores" must be an object, found a number'],
    [{ id: "p", events: {} }, '"events" must be an array, found an object'],
    [{ id: "p", events: [{}, "click"] }, '"events"[1] must be an object, found a string'],
  ])("rejects %j: %s", (value, reason) => {
    expect(toProfile(value)).toBe(reason);
  });
});
