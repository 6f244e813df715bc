import type { ExplainNode } from "@segflow/api-contract";
import { describe, expect, it } from "vitest";
import { countNodes, nodeLine } from "./explain.js";

const at = { line: 1, column: 1 };
const node = (fields: Partial<ExplainNode>): ExplainNode => ({
  expression: "x",
  at,
  children: [],
  ...fields,
});

describe("an explain node on one line", () => {
  it("marks conditions that held and did not", () => {
    expect(nodeLine(node({ holds: true }))).toEqual({ mark: "✓", notes: [] });
    expect(nodeLine(node({ holds: false }))).toEqual({ mark: "✗", notes: [] });
  });

  it("says a value, or that it is missing", () => {
    expect(nodeLine(node({ value: "gold" }))).toEqual({ mark: null, notes: ['value "gold"'] });
    expect(nodeLine(node({ value: false }))).toEqual({ mark: null, notes: ["value false"] });
    expect(nodeLine(node({ missing: true }))).toEqual({ mark: null, notes: ["missing"] });
  });

  it("does not repeat a literal's value", () => {
    expect(nodeLine(node({ expression: '"gold"', value: "gold" })).notes).toEqual([]);
    expect(nodeLine(node({ expression: "30", value: 30 })).notes).toEqual([]);
  });

  it("says on how many events a filter condition held", () => {
    expect(nodeLine(node({ matchingEvents: 1 })).notes).toEqual(["held on 1 event"]);
    expect(nodeLine(node({ matchingEvents: 0 })).notes).toEqual(["held on 0 events"]);
  });

  it("counts a tree's nodes", () => {
    expect(countNodes(node({ children: [node({}), node({ children: [node({})] })] }))).toBe(4);
  });
});
