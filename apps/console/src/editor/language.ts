/**
 * Syntax highlighting for the segment language (docs/segment-language.md, "Syntax"): keywords and
 * function names are case-insensitive; `#` starts a comment to the end of the line; strings are
 * double-quoted with backslash escapes; `` `name` `` is a quoted path; a number followed by a unit
 * (`30 days`) is a duration. A stream tokenizer is enough: highlighting needs no parse tree, and
 * the API's checker is the judge of what is valid (errors come from `/v1/segments/validate`).
 */
import { HighlightStyle, StreamLanguage, type StreamParser, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { tags } from "@lezer/highlight";

/** Grammar words that are not functions (packages/segment-language's keywords.ts). */
export const KEYWORDS = [
  "and",
  "or",
  "not",
  "in",
  "between",
  "contains",
  "starts",
  "ends",
  "with",
  "is",
  "within",
  "last",
  "now",
  "events",
  "where",
] as const;

/** Functions and aggregates, with their canonical spelling (they are case-insensitive). */
export const FUNCTIONS = [
  "exists",
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "sequence",
  "inSegment",
  "date",
  "lower",
  "upper",
  "length",
  "abs",
  "daysSince",
  "yearsSince",
] as const;

export const DURATION_UNITS = ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"] as const;

const KEYWORD_SET = new Set<string>(KEYWORDS);
const FUNCTION_SET = new Set(FUNCTIONS.map((f) => f.toLowerCase()));
const UNIT_SET = new Set<string>(DURATION_UNITS);

/** Every reserved word: these need backticks to be read as a path. */
export const RESERVED = new Set<string>([...KEYWORD_SET, ...FUNCTION_SET, "null", "true", "false"]);

interface State {
  /** The previous token was a number: a unit word after it is a duration's unit. */
  afterNumber: boolean;
}

/** Token names are CodeMirror's standard tag names (an unknown name would be warned about). */
export const segmentTokenizer: StreamParser<State> = {
  name: "segment",
  startState: () => ({ afterNumber: false }),
  token(stream, state) {
    if (stream.eatSpace()) return null;
    const afterNumber = state.afterNumber;
    state.afterNumber = false;
    if (stream.peek() === "#") {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^`[^`]*`?/)) return "variableName.special";
    if (stream.match(/^\d+(?:\.\d+)?/)) {
      state.afterNumber = true;
      return "number";
    }
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current().toLowerCase();
      if (afterNumber && UNIT_SET.has(word)) return "unit";
      if (FUNCTION_SET.has(word)) return "variableName.function";
      if (word === "true" || word === "false") return "bool";
      if (word === "null") return "null";
      if (KEYWORD_SET.has(word)) return "keyword";
      return "variableName";
    }
    if (stream.match(/^(?:!=|<=|>=|[=<>+\-*/])/)) return "operator";
    if (stream.match(/^[()[\],.]/)) return "punctuation";
    stream.next();
    return "invalid";
  },
  languageData: { commentTokens: { line: "#" } },
};

export const segmentLanguage = StreamLanguage.define(segmentTokenizer);

/** Colours with at least 4.5:1 contrast on white. */
export const segmentHighlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: "#6d28d9", fontWeight: "600" },
  { tag: tags.function(tags.variableName), color: "#1d4ed8" },
  { tag: tags.string, color: "#a31515" },
  { tag: [tags.number, tags.unit], color: "#047857" },
  { tag: [tags.bool, tags.null], color: "#9a3412" },
  { tag: tags.comment, color: "#5b6472", fontStyle: "italic" },
  { tag: tags.special(tags.variableName), color: "#9a3412" },
  { tag: tags.invalid, color: "#b91c1c", textDecoration: "underline wavy" },
]);

export function segmentLanguageSupport(): Extension {
  return [segmentLanguage, syntaxHighlighting(segmentHighlightStyle)];
}
