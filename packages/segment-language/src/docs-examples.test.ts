/**
 * Runs every example of docs/segment-language.md, so the reference cannot drift from the
 * implementation. See the top of that page for the block conventions.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSegments, compileSegments, nextChangeInstant, type Profile, parseInstant } from "./index.js";

const page = readFileSync(new URL("../../../docs/segment-language.md", import.meta.url), "utf8");
const blocks = [...page.matchAll(/```([\w-]+)(?: (\w+))?\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1]!,
  tag: m[2],
  body: m[3]!,
}));
const profile = JSON.parse(blocks.find((b) => b.lang === "json" && b.tag === "profile")!.body) as Profile;
const now = parseInstant("2026-11-29T12:00:00Z")!;
const helper = { id: "gold-us", definition: 'loyalty.tier = "gold" and country = "US"' };

/** Splits a block into its definition and its last line, the expectation. */
function split(body: string): { definition: string; expectation: string } {
  const lines = body.trimEnd().split("\n");
  return { definition: lines.slice(0, -1).join("\n"), expectation: lines.at(-1)!.trim() };
}

describe("docs/segment-language.md examples", () => {
  const examples = blocks.filter((b) => b.lang === "segment").map((b) => split(b.body));
  const errors = blocks.filter((b) => b.lang === "segment-error").map((b) => split(b.body));
  const nextChanges = blocks.filter((b) => b.lang === "segment-next-change").map((b) => split(b.body));

  it("has examples of both kinds", () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(errors.length).toBeGreaterThan(3);
    expect(nextChanges.length).toBeGreaterThan(3);
  });

  it.each(examples)("$definition", ({ definition, expectation }) => {
    expect(["# holds", "# does not hold"]).toContain(expectation);
    const set = compileSegments([helper, { id: "example", definition }]);
    expect(set.evaluate(profile, now)[1]).toBe(expectation === "# holds");
  });

  it.each(nextChanges)("next change of $definition", ({ definition, expectation }) => {
    const m = /^# next change: (none|\S+)$/.exec(expectation);
    expect(m, `expectation line "${expectation}"`).not.toBeNull();
    const checked = checkSegments([helper, { id: "example", definition }]);
    const at = nextChangeInstant(checked, profile, now, ["example"]);
    expect(at === undefined ? "none" : new Date(at).toISOString()).toBe(m![1]);
  });

  it.each(errors)("rejects $definition", ({ definition, expectation }) => {
    const m = /^# error: (\d+):(\d+)(?:: (.*))?$/.exec(expectation);
    expect(m, `expectation line "${expectation}"`).not.toBeNull();
    const found = checkSegments([helper, { id: "example", definition }]).errors;
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ segmentId: "example", line: Number(m![1]), column: Number(m![2]) });
    if (m![3]) expect(found[0]!.reason).toContain(m![3]);
  });
});
