import { StringStream } from "@codemirror/language";
import { DURATION_UNITS as LANGUAGE_UNITS, RESERVED_WORDS } from "@segflow/segment-language";
import { expect, test } from "vitest";
import { DURATION_UNITS, RESERVED, segmentTokenizer } from "./language.js";

test("highlights exactly the language's reserved words and duration units (no list drifts)", () => {
  expect([...RESERVED].sort()).toEqual([...RESERVED_WORDS].sort());
  expect([...DURATION_UNITS].sort()).toEqual(Object.keys(LANGUAGE_UNITS).sort());
});

/** `[text, token]` pairs of one line, spaces left out. */
function tokens(line: string): [string, string | null][] {
  const state = segmentTokenizer.startState!(2);
  const stream = new StringStream(line, 2, 2);
  const out: [string, string | null][] = [];
  while (!stream.eol()) {
    const style = segmentTokenizer.token(stream, state);
    const text = stream.current();
    if (text.trim()) out.push([text, style]);
    stream.start = stream.pos;
  }
  return out;
}

test("keywords, functions, strings, numbers, durations, comments, quoted names (docs/segment-language.md)", () => {
  expect(
    tokens('COUNT(Events WHERE type = "a \\" b") >= 1 and `first-name` within last 30 DAYS # why'),
  ).toEqual([
    ["COUNT", "variableName.function"],
    ["(", "punctuation"],
    ["Events", "keyword"],
    ["WHERE", "keyword"],
    ["type", "variableName"],
    ["=", "operator"],
    ['"a \\" b"', "string"],
    [")", "punctuation"],
    [">=", "operator"],
    ["1", "number"],
    ["and", "keyword"],
    ["`first-name`", "variableName.special"],
    ["within", "keyword"],
    ["last", "keyword"],
    ["30", "number"],
    ["DAYS", "unit"],
    ["# why", "comment"],
  ]);
});

test("a unit word is a unit only after a number; null, true, false; unknown characters", () => {
  expect(tokens("days is null or flag = true ; 2.5 weeks")).toEqual([
    ["days", "variableName"],
    ["is", "keyword"],
    ["null", "null"],
    ["or", "keyword"],
    ["flag", "variableName"],
    ["=", "operator"],
    ["true", "bool"],
    [";", "invalid"],
    ["2.5", "number"],
    ["weeks", "unit"],
  ]);
});
