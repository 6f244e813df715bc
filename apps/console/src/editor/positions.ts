/**
 * The checker's positions are 1-based line:column counted in code points (docs/segment-language.md,
 * "Syntax"); CodeMirror's are offsets in UTF-16 units. These convert one to the other and find the
 * stretch of text to underline.
 */

/** Offset of `line`:`column` in `text`, clamped to the text (a position past the end is its end). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  for (let c = 1; c < column; c++) {
    if (offset >= text.length || text[offset] === "\n") return offset;
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset;
}

/**
 * The range to underline for an error at `from`: the word, number, string or quoted name that
 * starts there, else one character; an error at the end of the text is a point.
 */
export function errorRange(text: string, from: number): { from: number; to: number } {
  if (from >= text.length) return { from: text.length, to: text.length };
  const rest = text.slice(from);
  const token = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"?|`[^`\n]*`?|!=|<=|>=)/.exec(
    rest,
  );
  const length = token && token[0].length > 0 ? token[0].length : rest.codePointAt(0)! > 0xffff ? 2 : 1;
  return { from, to: from + length };
}
