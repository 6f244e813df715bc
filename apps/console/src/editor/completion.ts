/**
 * Completion in the segment editor: attribute and score paths outside event filters, event
 * property paths (and `type`, `timestamp`) inside `events where …` and after `events.`, event
 * types inside the string after `type =`, `type !=` or `type in [`, and the language's words.
 * The names come from `GET /v1/fields` (a sample of the data). Where the cursor is, is decided
 * from the text before it (`contextAt`), a pure function the tests read.
 */
import type {
  Completion,
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from "@codemirror/autocomplete";
import type { FieldsResponse } from "@segflow/api-contract";
import { DURATION_UNITS, FUNCTIONS, KEYWORDS, RESERVED } from "./language.js";

export type Fields = Pick<FieldsResponse, "attributes" | "scores" | "events">;

export type CursorContext =
  /** Inside a string after `type =`: `from` is just after the opening quote. */
  | { kind: "eventType"; from: number }
  /** A path after `events.` (an aggregate's value): `from` is after the dot. */
  | { kind: "eventValue"; from: number }
  /** A path or word inside an event filter. */
  | { kind: "eventPath"; from: number }
  /** A path or word outside event filters. */
  | { kind: "path"; from: number }
  | { kind: "none" };

/** Is `before` inside the filter of an `events where …` that is still open? */
function insideEventFilter(before: string): boolean {
  const re = /\bevents\s+where\b/gi;
  let last = -1;
  for (let m = re.exec(before); m; m = re.exec(before)) last = m.index + m[0].length;
  if (last === -1) return false;
  let depth = 0;
  for (const ch of before.slice(last)) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return true;
}

/** A path being typed: names or `quoted names`, joined by dots (the last one may be unfinished). */
const PATH = /(?:[A-Za-z_]\w*|`[^`\n]*`?)(?:\.(?:[A-Za-z_]\w*|`[^`\n]*`?)?)*/;

/** Closed strings blanked out (quotes too), so that their contents are not mistaken for syntax. */
const blankStrings = (text: string) => text.replace(/"(?:[^"\\\n]|\\.)*"/g, (s) => " ".repeat(s.length));

export function contextAt(before: string): CursorContext {
  const typeString = /\btype\s*(?:!?=|in\s*\[[^\]]*?)\s*"([^"\\\n]*)$/i.exec(before);
  if (typeString) return { kind: "eventType", from: before.length - typeString[1]!.length };
  const unstrung = blankStrings(before);
  // Inside an unfinished string or a comment: nothing to complete.
  const lastLine = unstrung.slice(unstrung.lastIndexOf("\n") + 1);
  if (lastLine.includes('"') || lastLine.includes("#")) return { kind: "none" };
  const plain = unstrung.replace(/#[^\n]*/g, (s) => " ".repeat(s.length));
  const eventValue = new RegExp(`\\bevents\\.(${PATH.source}|)$`, "i").exec(plain);
  if (eventValue) return { kind: "eventValue", from: before.length - eventValue[1]!.length };
  const word = new RegExp(`${PATH.source}$`).exec(plain);
  const from = word ? before.length - word[0].length : before.length;
  return { kind: insideEventFilter(plain) ? "eventPath" : "path", from };
}

/** A path as it is written: segments that are not plain names (or are reserved) in backticks. */
export function writePath(path: string): string {
  return path
    .split(".")
    .map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !RESERVED.has(s.toLowerCase()) ? s : `\`${s}\``))
    .join(".");
}

const quoteString = (s: string) => JSON.stringify(s).slice(1, -1);

const WORDS: Completion[] = [
  ...KEYWORDS.map((k) => ({ label: k, type: "keyword" })),
  ...FUNCTIONS.map((f) => ({ label: f, type: "function", apply: `${f}(` })),
  { label: "is null", type: "keyword" },
  { label: "is not null", type: "keyword" },
  { label: "starts with", type: "keyword" },
  { label: "ends with", type: "keyword" },
  { label: "within last", type: "keyword" },
  ...["true", "false", "null"].map((w) => ({ label: w, type: "constant" })),
];
const UNITS: Completion[] = DURATION_UNITS.filter((u) => u.endsWith("s")).map((u) => ({
  label: u,
  type: "unit",
}));

export function segmentCompletions(getFields: () => Fields | undefined): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    // The text of the definition up to the cursor (filters may span lines).
    const before = context.state.sliceDoc(0, context.pos);
    const at = contextAt(before);
    if (at.kind === "none") return null;
    const fields = getFields();
    const from = at.from;
    if (from === context.pos && !context.explicit) return null;
    const events = fields?.events;
    if (at.kind === "eventType") {
      const options = (events?.types ?? []).map((t) => ({ label: t, type: "enum", apply: quoteString(t) }));
      return { from, options, validFor: /^[^"\\]*$/ };
    }
    if (at.kind === "eventValue") {
      const options = [...(events?.properties ?? [])].map((p) => ({ label: writePath(p), type: "property" }));
      options.push({ label: "timestamp", type: "property" });
      return { from, options, validFor: /^[\w.`]*$/ };
    }
    const paths: Completion[] =
      at.kind === "eventPath"
        ? [
            { label: "type", type: "property", detail: "event type" },
            { label: "timestamp", type: "property", detail: "event time" },
            ...(events?.properties ?? []).map((p) => ({
              label: writePath(p),
              type: "property",
              detail: "event",
            })),
          ]
        : [
            ...(fields?.attributes ?? []).map((p) => ({ label: writePath(p), type: "property" })),
            ...(fields?.scores ?? []).map((p) => ({
              label: writePath(p),
              type: "property",
              detail: "score",
            })),
            { label: "id", type: "property", detail: "profile id" },
          ];
    const afterNumber = /\d\s+[A-Za-z]*$/.test(line.text.slice(0, context.pos - line.from));
    return {
      from,
      options: [...(afterNumber ? UNITS : []), ...paths, ...WORDS],
      validFor: /^[\w.`]*$/,
    };
  };
}
