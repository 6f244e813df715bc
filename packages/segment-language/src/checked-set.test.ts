/**
 * A definition set is parsed once: `checkSegments` takes parsed definitions as they are,
 * `compileSegments` and `selectSegments` work on the check result, `dependsOn` is the walk's.
 */
import { describe, expect, it } from "vitest";
import {
  checkSegments,
  compileSegments,
  dependsOn,
  type ExplainNode,
  parseDefinition,
  parseInstant,
  parseSegment,
  selectSegments,
} from "./index.js";

const NOW = parseInstant("2026-11-29T12:00:00Z")!;
const profile = {
  id: "p",
  attributes: { plan: "pro", age: 40 },
  events: [
    { type: "search", timestamp: "2026-11-28T00:00:00Z", properties: { q: "shoes" } },
    { type: "search", timestamp: "2026-11-27T00:00:00Z", properties: { q: "socks" } },
    { type: "purchase", timestamp: "2026-10-01T00:00:00Z" },
  ],
};

const SET = [
  { id: "pro", definition: 'plan = "pro"' },
  { id: "searcher", definition: 'exists(events where type = "search")' },
  { id: "both", definition: 'inSegment("searcher") and inSegment("pro") and inSegment("searcher")' },
  { id: "other", definition: "age > 30" },
];

describe("dependsOn", () => {
  it("lists inSegment ids in source order without repeats, event filters and sequence steps included", () => {
    const { ast } = parseDefinition(
      'inSegment("b") or count(events where inSegment("a") and type = "x") > 1 or ' +
        'sequence(events where inSegment("c"), events where inSegment("b")) or inSegment("a")',
    );
    expect(dependsOn(ast!.root)).toEqual(["b", "a", "c"]);
  });
});

describe("checkSegments", () => {
  it("gives the dependency graph of every definition, invalid ones included", () => {
    const { definitions, segments } = checkSegments([
      ...SET,
      { id: "broken", definition: 'inSegment("pro") and age >' },
      { id: "typed", definition: 'inSegment("other") and 5' },
    ]);
    expect(definitions.map((d) => [d.id, d.dependsOn])).toEqual([
      ["pro", []],
      ["searcher", []],
      ["both", ["searcher", "pro"]],
      ["other", []],
      ["broken", []],
      ["typed", ["other"]],
    ]);
    expect(segments.map((s) => s.id)).toEqual(["pro", "searcher", "both", "other"]);
  });

  it("takes parsed definitions as they are, without parsing their text again", () => {
    const parsed = SET.map(parseSegment);
    const direct = checkSegments(SET);
    const reused = checkSegments(parsed);
    expect(reused.errors).toEqual(direct.errors);
    expect(reused.evaluationOrder).toEqual(direct.evaluationOrder);
    // The AST is what counts: a text that no longer matches it is not read.
    const stale = { ...parsed[3]!, definition: "age >" };
    expect(checkSegments([...parsed.slice(0, 3), stale]).errors).toEqual([]);
  });

  it("checks a parsed definition in several sets with the set's own errors each time", () => {
    const reader = parseSegment({ id: "reader", definition: 'inSegment("pro")' });
    expect(checkSegments([reader]).errors.map((e) => e.reason)).toEqual([
      'inSegment refers to unknown segment "pro"',
    ]);
    expect(checkSegments([reader, parseSegment(SET[0]!)]).errors).toEqual([]);
    expect(reader.problems).toEqual([]);
  });
});

describe("compileSegments on a check result", () => {
  it("compiles the ASTs of the result, never the text", () => {
    const checked = checkSegments(SET);
    const garbled = {
      ...checked,
      definitions: checked.definitions.map((d) => ({ ...d, definition: "(((" })),
    };
    const compiled = compileSegments(garbled);
    expect(compiled.ids).toEqual(["pro", "searcher", "both", "other"]);
    expect(compiled.evaluate(profile, NOW)).toEqual(compileSegments(SET).evaluate(profile, NOW));
  });

  it("throws every error of the result", () => {
    const checked = checkSegments([{ id: "a", definition: "x >" }]);
    expect(() => compileSegments(checked)).toThrow(/segment "a": 1:4/);
  });
});

describe("selectSegments", () => {
  it("keeps the segments asked for and, transitively, what they read", () => {
    const [pro, searcher, both, other] = SET;
    const chosen = selectSegments(checkSegments([both!, other!, pro!, searcher!]), ["both"]);
    expect(chosen.definitions.map((d) => d.id)).toEqual(["both", "pro", "searcher"]);
    expect(chosen.evaluationOrder).toEqual(["searcher", "pro", "both"]);
    expect(compileSegments(chosen).evaluate(profile, NOW)).toEqual([true, true, true]);
  });

  it("keeps the errors of what the selection reads, and only those", () => {
    const checked = checkSegments([
      { id: "reader", definition: 'inSegment("broken")' },
      { id: "broken", definition: "age >" },
      { id: "elsewhere", definition: "age <" },
    ]);
    const chosen = selectSegments(checked, ["reader"]);
    expect(chosen.errors.map((e) => e.segmentId)).toEqual(["broken"]);
    expect(() => compileSegments(chosen)).toThrow(/segment "broken"/);
    expect(selectSegments(checked, ["elsewhere"]).errors.map((e) => e.segmentId)).toEqual(["elsewhere"]);
  });
});

describe("explain", () => {
  const shape = (n: ExplainNode): unknown => [n.expression, n.children.map(shape)];

  it("shows operands, event filters with their matching events, and no list items or durations", () => {
    const set = compileSegments([
      {
        id: "s",
        definition:
          'plan in ["pro", "team"] and count(events where type = "search") >= 2 and ' +
          "max(events.timestamp) within last 7 days",
      },
    ]);
    const why = set.explain(profile, "s", NOW);
    expect(why.holds).toBe(true);
    expect(shape(why.root)).toEqual([
      'plan in ["pro", "team"] and count(events where type = "search") >= 2 and max(events.timestamp) within last 7 days',
      [
        [
          'plan in ["pro", "team"]',
          [
            ["plan", []],
            ['["pro", "team"]', []],
          ],
        ],
        [
          'count(events where type = "search") >= 2',
          [
            ['count(events where type = "search")', [['type = "search"', []]]],
            ["2", []],
          ],
        ],
        ["max(events.timestamp) within last 7 days", [["max(events.timestamp)", []]]],
      ],
    ]);
    const filter = why.root.children[1]!.children[0]!.children[0]!;
    expect(filter.matchingEvents).toBe(2);
  });
});
