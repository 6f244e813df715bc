/**
 * Tokenizer (docs/segment-language.md, "Syntax"). Positions are 1-based line:column in code
 * points; LF and CRLF end a line, a lone CR is whitespace. A malformed token becomes an `error`
 * token after its problem is recorded, so the parser can go on without repeating the complaint.
 */
import type { Position } from "./ast.js";
import type { Problem } from "./errors.js";

export type TokenKind = "number" | "string" | "word" | "quoted" | "punct" | "error" | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text (for `string`, with quotes; for `quoted`, without backticks). */
  text: string;
  /** Number value, unescaped string, or the name of a word or quoted name. */
  value: string | number;
  at: Position;
}

const PUNCT_2 = new Set(["!=", "<=", ">="]);
const PUNCT_1 = new Set(["(", ")", "[", "]", ",", ".", "=", "<", ">", "+", "-", "*", "/"]);

/** A character for a one-line message: control characters and lone surrogates as U+XXXX. */
function showChar(ch: string): string {
  const c = ch.charCodeAt(0);
  const lone = ch.length === 1 && c >= 0xd800 && c <= 0xdfff;
  return c < 32 || c === 127 || lone ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `"${ch}"`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

export function tokenize(source: string): { tokens: Token[]; problems: Problem[] } {
  const tokens: Token[] = [];
  const problems: Problem[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  /** Advances over one code point (two UTF-16 units for a surrogate pair), keeping line:column. */
  const advance = (): void => {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 1;
      i++;
      return;
    }
    const low = source.charCodeAt(i + 1);
    i += c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    column++;
  };
  const push = (kind: TokenKind, text: string, value: string | number, at: Position): void => {
    tokens.push({ kind, text, value, at });
  };

  while (i < source.length) {
    const c = source.charCodeAt(i);
    const at = { line, column };
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
      advance();
    } else if (c === 35 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 10) advance();
    } else if (isDigit(c)) {
      const start = i;
      while (isDigit(source.charCodeAt(i))) advance();
      if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
        advance();
        while (isDigit(source.charCodeAt(i))) advance();
      }
      const text = source.slice(start, i);
      push("number", text, Number(text), at);
    } else if (isIdentStart(c)) {
      const start = i;
      while (isIdentPart(source.charCodeAt(i))) advance();
      const text = source.slice(start, i);
      push("word", text, text, at);
    } else if (c === 34 /* " */) {
      readString(at);
    } else if (c === 96 /* ` */) {
      readQuotedName(at);
    } else if (c === 39 /* ' */) {
      problems.push({ at, reason: "single quotes are not allowed: strings use double quotes" });
      const start = i;
      advance();
      while (i < source.length && source.charCodeAt(i) !== 39 && source.charCodeAt(i) !== 10) advance();
      if (source.charCodeAt(i) === 39) advance();
      push("error", source.slice(start, i), "", at);
    } else {
      const two = source.slice(i, i + 2);
      if (PUNCT_2.has(two)) {
        advance();
        advance();
        push("punct", two, two, at);
      } else if (PUNCT_1.has(source[i]!)) {
        advance();
        push("punct", source[i - 1]!, source[i - 1]!, at);
      } else {
        const start = i;
        advance();
        const ch = source.slice(start, i);
        problems.push({ at, reason: `unexpected character ${showChar(ch)}` });
        push("error", ch, "", at);
      }
    }
  }
  push("eof", "", "", { line, column });
  return { tokens, problems };

  function readString(at: Position): void {
    const start = i;
    advance();
    let problem: Problem | undefined;
    for (;;) {
      if (i >= source.length || source.charCodeAt(i) === 10) {
        problem ??= { at, reason: "unterminated string: a string ends with a double quote on the same line" };
        break;
      }
      const c = source.charCodeAt(i);
      if (c === 34) {
        advance();
        break;
      }
      if (c < 32) {
        problem ??= {
          at: { line, column },
          reason: "control character in a string: write it as an escape such as \\n or \\t",
        };
      } else if (c === 92 /* \ */) {
        const escAt = { line, column };
        advance();
        const e = source[i];
        if (e === "u") {
          advance();
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(source[i] ?? "")) {
              problem ??= { at: escAt, reason: "invalid \\u escape in a string: it takes four hex digits" };
              break;
            }
            advance();
          }
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e) || e === "") {
          problem ??= {
            at: escAt,
            reason:
              e === undefined
                ? "unterminated string"
                : `invalid escape \\ followed by ${showChar(e)} in a string`,
          };
        }
        if (i < source.length && source.charCodeAt(i) !== 10) advance();
        continue;
      }
      advance();
    }
    const text = source.slice(start, i);
    if (problem) {
      problems.push(problem);
      push("error", text, "", at);
      return;
    }
    push("string", text, JSON.parse(text) as string, at);
  }

  function readQuotedName(at: Position): void {
    const start = i;
    advance();
    while (i < source.length && source.charCodeAt(i) !== 96 && source.charCodeAt(i) !== 10) advance();
    if (source.charCodeAt(i) !== 96) {
      problems.push({
        at,
        reason: "unterminated `name`: a quoted name ends with a backtick on the same line",
      });
      push("error", source.slice(start, i), "", at);
      return;
    }
    const name = source.slice(start + 1, i);
    advance();
    if (name === "") {
      problems.push({ at, reason: "empty `` name: a quoted name has at least one character" });
      push("error", "``", "", at);
      return;
    }
    push("quoted", name, name, at);
  }
}
