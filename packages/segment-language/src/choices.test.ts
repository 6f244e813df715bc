/**
 * segflow's choices where the specification is silent (docs/segment-language.md, "segflow's
 * choices"). Each row is one documented choice.
 */
import { describe, expect, it } from "vitest";
import { checkSegments, compileSegments, type Profile, parseInstant } from "./index.js";

const now = parseInstant("2026-11-29T12:00:00Z")!;
const holds = (definition: string, profile: Omit<Profile, "id">) =>
  compileSegments([{ id: "s", definition }]).evaluate({ id: "p", ...profile }, now)[0];

describe("segflow's choices", () => {
  it("skips null-valued elements when a path crosses an array", () => {
    const attributes = { orders: [{ sku: null }, { sku: "b" }] };
    expect(holds('orders.sku != "b"', { attributes })).toBe(false);
    expect(holds("length(orders.sku) = 1", { attributes })).toBe(true);
    expect(holds("orders.sku is null", { attributes: { orders: [{ sku: null }] } })).toBe(true);
  });

  it("treats a list on the left like an array", () => {
    expect(holds("[1, 2] = x", { attributes: { x: 2 } })).toBe(true);
    expect(holds("[1, 2] != x", { attributes: { x: 2 } })).toBe(false);
  });

  it("gives missing for arithmetic on arrays and functions other than length on arrays", () => {
    const attributes = { xs: [1, 2], names: ["A"] };
    expect(holds("xs + 1 is null", { attributes })).toBe(true);
    expect(holds("lower(names) is null and length(names) = 1", { attributes })).toBe(true);
  });

  it("lets the first kind taken decide min/max over numbers and instants", () => {
    const events = [
      { type: "x", timestamp: "2026-11-01T00:00:00Z", properties: { v: 5 } },
      { type: "x", timestamp: "2026-11-02T00:00:00Z", properties: { v: new Date("2026-01-01T00:00:00Z") } },
      { type: "x", timestamp: "2026-11-03T00:00:00Z", properties: { v: 3 } },
    ];
    expect(holds("min(events.v) = 3", { events })).toBe(true);
    expect(holds('max(events.v where type = "x" and v is not null) = 5', { events })).toBe(true);
  });

  it("reads a backticked reserved word as a path, and backticked type as the event type", () => {
    expect(holds("`count` = 1", { attributes: { count: 1 } })).toBe(true);
    const events = [{ type: "a", timestamp: "2026-11-01T00:00:00Z" }];
    expect(holds('exists(events where `type` = "a")', { events })).toBe(true);
  });

  it("reads duration units case-insensitively", () => {
    expect(holds("seen within last 30 DAYS", { attributes: { seen: "2026-11-20" } })).toBe(true);
  });

  it("accepts only condition forms or paths where a condition is needed", () => {
    const reasons = ["count(events)", "1 + 2", 'lower("a")', '"yes"', "now"].map(
      (d) => checkSegments([{ id: "s", definition: d }]).errors.length,
    );
    expect(reasons).toEqual([1, 1, 1, 1, 1]);
    expect(checkSegments([{ id: "s", definition: "flag" }]).errors).toEqual([]);
  });

  it("reports a duplicate id and an empty definition at 1:1", () => {
    const { errors } = checkSegments([
      { id: "a", definition: "x = 1" },
      { id: "a", definition: "y = 2" },
      { id: "b", definition: "  # nothing\n" },
    ]);
    expect(errors.map((e) => [e.segmentId, e.line, e.column])).toEqual([
      ["a", 1, 1],
      ["b", 1, 1],
    ]);
  });

  it("leaves out, without an error of its own, a segment that reads an invalid one", () => {
    const result = checkSegments([
      { id: "ok", definition: 'inSegment("broken") or x = 1' },
      { id: "broken", definition: "x = " },
    ]);
    expect(result.errors.map((e) => e.segmentId)).toEqual(["broken"]);
    expect(result.segments).toEqual([]);
  });
});

describe("segflow's choices on odd values", () => {
  it("matches nothing with an element that is itself an array, and does not descend into one", () => {
    expect(holds("a = 1", { attributes: { a: [[1]] } })).toBe(false);
    expect(holds("a != 1", { attributes: { a: [[1]] } })).toBe(true);
    expect(holds("a.b is null", { attributes: { a: [[{ b: 1 }]] } })).toBe(true);
  });

  it("accepts keys under id, type and timestamp, and reads them as missing", () => {
    expect(holds("id.x is null", {})).toBe(true);
    const events = [{ type: "a", timestamp: "2026-11-01T00:00:00Z" }];
    expect(holds("exists(events where type.x is null and timestamp.y is null)", { events })).toBe(true);
  });

  it("negates the positive form for not in / not between even across types", () => {
    const attributes = { s: "hello" };
    expect(holds('s not in [date("2026-01-01")]', { attributes })).toBe(true);
    expect(holds('s not between date("2026-01-01") and date("2026-02-01")', { attributes })).toBe(true);
    expect(holds('s != date("2026-01-01")', { attributes })).toBe(false);
  });

  it("treats an invalid stored date as missing", () => {
    expect(holds("d is null", { attributes: { d: new Date(Number.NaN) } })).toBe(true);
  });
});
