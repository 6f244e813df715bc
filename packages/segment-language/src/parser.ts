/**
 * Recursive-descent parser for the syntax of docs/segment-language.md. It resolves paths as it goes
 * (it knows whether it is inside an event filter) and recovers from errors at list elements,
 * call arguments and `and`/`or` operands, so one pass reports several problems.
 */
import {
  AST_VERSION,
  type DurationExpr,
  type Expr,
  type ListExpr,
  type PathExpr,
  type PathRoot,
  type SegmentAst,
  UNIT_MS,
} from "./ast.js";
import type { Problem } from "./errors.js";
import { parseInstant } from "./instant.js";
import { AGGREGATES, DURATION_UNITS, FUNCTIONS, RESERVED_WORDS } from "./keywords.js";
import { type Token, tokenize } from "./lexer.js";

export interface ParseResult {
  /** The AST, when there are no problems. */
  ast: SegmentAst | undefined;
  problems: Problem[];
}

/** Deeper nesting than this is refused rather than risking the call stack. */
const MAX_DEPTH = 200;

/** Thrown to unwind to the nearest recovery point once a problem is recorded. */
class Unwind extends Error {}

const COMPARE_OPS = new Set(["=", "!=", "<", "<=", ">", ">="]);

export function parseDefinition(source: string): ParseResult {
  const { tokens, problems } = tokenize(source);
  if (tokens.length === 1 && problems.length === 0) {
    return { ast: undefined, problems: [{ at: { line: 1, column: 1 }, reason: "empty definition" }] };
  }
  const parser = new Parser(tokens, problems);
  const root = parser.parseDefinition();
  const sorted = dedupe(problems);
  return {
    ast: sorted.length === 0 && root ? { astVersion: AST_VERSION, root } : undefined,
    problems: sorted,
  };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.at.line}:${p.at.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}

function describe(t: Token): string {
  if (t.kind === "eof") return "end of input";
  const text = t.kind === "quoted" ? `\`${t.text}\`` : t.text;
  // JSON quoting keeps the reason on one line whatever the token holds.
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Inside `events where …` (or an aggregate's path): paths read the event. */
  private inFilter = false;

  constructor(
    private readonly tokens: Token[],
    private readonly problems: Problem[],
  ) {}

  parseDefinition(): Expr | undefined {
    try {
      const expr = this.parseOr();
      const t = this.peek();
      if (t.kind !== "eof")
        this.fail(t, `expected "and", "or" or the end of the definition, found ${describe(t)}`);
      return expr;
    } catch (e) {
      if (e instanceof Unwind) return undefined;
      throw e;
    }
  }

  // ---- token helpers -------------------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.pos++;
    return t;
  }
  private previous(): Token | undefined {
    return this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
  }
  /** Is `t` the (case-insensitive, unquoted) grammar word `w`? */
  private isWord(w: string, t: Token = this.peek()): boolean {
    return t.kind === "word" && (t.text === w || t.text.toLowerCase() === w);
  }
  private isPunct(p: string, t: Token = this.peek()): boolean {
    return t.kind === "punct" && t.text === p;
  }
  private acceptWord(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.pos++;
    return true;
  }
  private acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }
  private expectPunct(p: string, after: string): Token {
    const t = this.peek();
    if (!this.isPunct(p)) this.fail(t, `expected "${p}" after ${after}, found ${describe(t)}`);
    return this.next();
  }
  private expectWord(w: string, after: string): void {
    const t = this.peek();
    if (!this.isWord(w)) this.fail(t, `expected "${w}" after ${after}, found ${describe(t)}`);
    this.next();
  }

  /** Records a problem at `t` and unwinds; an error token was already reported by the lexer. */
  private fail(t: Token, reason: string): never {
    if (t.kind !== "error") this.problems.push({ at: t.at, reason });
    throw new Unwind();
  }

  /**
   * Runs `parse`; on a problem, skips to the next token (at this nesting level) that `stop`
   * accepts, or to a closing bracket of an enclosing level, and returns a placeholder.
   */
  private recovering(parse: () => Expr, stop: (t: Token) => boolean): Expr {
    const start = this.pos;
    const savedFilter = this.inFilter;
    const savedDepth = this.depth;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof Unwind)) throw e;
      this.inFilter = savedFilter;
      this.depth = savedDepth;
      if (this.pos === start) this.pos = Math.min(this.pos + 1, this.tokens.length - 1);
      // Brackets opened inside the failed part are skipped to their close before `stop` applies.
      let level = 0;
      for (let k = start; k < this.pos; k++) {
        const t = this.tokens[k]!;
        if (this.isPunct("(", t) || this.isPunct("[", t)) level++;
        else if ((this.isPunct(")", t) || this.isPunct("]", t)) && level > 0) level--;
      }
      for (;;) {
        const t = this.peek();
        if (t.kind === "eof") break;
        if (level === 0 && stop(t)) break;
        if (this.isPunct("(", t) || this.isPunct("[", t)) level++;
        if (this.isPunct(")", t) || this.isPunct("]", t)) {
          if (level === 0) break;
          level--;
        }
        this.next();
      }
      return { kind: "boolean", value: false, at: this.peek().at };
    }
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH)
      this.fail(this.peek(), `the definition is nested too deeply (over ${MAX_DEPTH} levels)`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  // ---- boolean ladder ------------------------------------------------------------------

  private parseOr(): Expr {
    const at = this.peek().at;
    // A "," at this level ends a list element or argument: never skip past it.
    const stop = (t: Token) => this.isWord("or", t) || this.isPunct(",", t);
    const operands = [this.recovering(() => this.parseAnd(), stop)];
    while (this.acceptWord("or")) operands.push(this.recovering(() => this.parseAnd(), stop));
    return operands.length === 1 ? operands[0]! : { kind: "or", operands, at };
  }

  private parseAnd(): Expr {
    const at = this.peek().at;
    const stop = (t: Token) => this.isWord("and", t) || this.isWord("or", t) || this.isPunct(",", t);
    const operands = [this.recovering(() => this.parseNot(), stop)];
    while (this.acceptWord("and")) operands.push(this.recovering(() => this.parseNot(), stop));
    return operands.length === 1 ? operands[0]! : { kind: "and", operands, at };
  }

  private parseNot(): Expr {
    const t = this.peek();
    if (this.acceptWord("not"))
      return this.nested(() => ({ kind: "not", operand: this.parseNot(), at: t.at }));
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const value = this.parseSum();
    const t = this.peek();
    const at = value.at;
    if (t.kind === "punct" && COMPARE_OPS.has(t.text)) {
      this.next();
      const op = t.text as "=" | "!=" | "<" | "<=" | ">" | ">=";
      return { kind: "compare", op, left: value, right: this.parseSum(), at };
    }
    if (this.isWord("not")) {
      const after = this.peek(1);
      if (this.isWord("in", after) || this.isWord("between", after)) {
        this.next();
        return this.parseInOrBetween(value, true);
      }
      this.next();
      this.fail(after, `expected "in" or "between" after "not", found ${describe(after)}`);
    }
    if (this.isWord("in") || this.isWord("between")) return this.parseInOrBetween(value, false);
    if (this.acceptWord("contains")) return { kind: "contains", value, operand: this.parseSum(), at };
    if (this.acceptWord("starts")) {
      this.expectWord("with", '"starts"');
      return { kind: "startsWith", value, operand: this.parseSum(), at };
    }
    if (this.acceptWord("ends")) {
      this.expectWord("with", '"ends"');
      return { kind: "endsWith", value, operand: this.parseSum(), at };
    }
    if (this.acceptWord("is")) {
      const negated = this.acceptWord("not");
      const n = this.peek();
      if (!this.isWord("null"))
        this.fail(n, `expected "null" after "${negated ? "is not" : "is"}", found ${describe(n)}`);
      this.next();
      return { kind: "isNull", negated, value, at };
    }
    if (this.acceptWord("within")) {
      this.expectWord("last", '"within" (as in "within last 30 days")');
      return { kind: "withinLast", value, duration: this.parseDuration('"within last"'), at };
    }
    return value;
  }

  private parseInOrBetween(value: Expr, negated: boolean): Expr {
    const at = value.at;
    if (this.acceptWord("in")) {
      const t = this.peek();
      if (!this.isPunct("["))
        this.fail(t, `expected a list such as ["a", "b"] after "in", found ${describe(t)}`);
      return { kind: "in", negated, value, list: this.parseList(), at };
    }
    this.next(); // between
    const low = this.parseSum();
    this.expectWord("and", 'the lower bound of "between"');
    const high = this.parseSum();
    return { kind: "between", negated, value, low, high, at };
  }

  // ---- value ladder --------------------------------------------------------------------

  private parseSum(): Expr {
    let left = this.parseProduct();
    // Each operator nests the tree one level deeper (left-associative): bound it like parentheses.
    for (let terms = 1; ; terms++) {
      const t = this.peek();
      if (!this.isPunct("+") && !this.isPunct("-")) return left;
      if (terms > MAX_DEPTH) this.fail(t, `the expression is too long (over ${MAX_DEPTH} terms in a row)`);
      this.next();
      left = { kind: "arith", op: t.text as "+" | "-", left, right: this.parseProduct(), at: left.at };
    }
  }

  private parseProduct(): Expr {
    let left = this.parseUnary();
    // Each operator nests the tree one level deeper (left-associative): bound it like parentheses.
    for (let terms = 1; ; terms++) {
      const t = this.peek();
      if (!this.isPunct("*") && !this.isPunct("/")) return left;
      if (terms > MAX_DEPTH) this.fail(t, `the expression is too long (over ${MAX_DEPTH} terms in a row)`);
      this.next();
      left = { kind: "arith", op: t.text as "*" | "/", left, right: this.parseUnary(), at: left.at };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (this.acceptPunct("-"))
      return this.nested(() => ({ kind: "negate", operand: this.parseUnary(), at: t.at }));
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "number": {
        this.next();
        const unit = this.peek();
        if (unit.kind === "word" && DURATION_UNITS[unit.text.toLowerCase()]) {
          this.pos--;
          return this.parseDuration("");
        }
        return { kind: "number", value: t.value as number, at: t.at };
      }
      case "string":
        this.next();
        return { kind: "string", value: t.value as string, at: t.at };
      case "quoted":
        return this.parsePath();
      case "word":
        return this.parseWord(t);
      case "punct":
        if (t.text === "(") {
          this.next();
          const inner = this.nested(() => this.parseOr());
          this.expectPunct(")", "the parenthesized expression");
          return inner;
        }
        if (t.text === "[") return this.parseList();
        break;
    }
    return this.expectedValue(t);
  }

  private expectedValue(t: Token): never {
    const prev = this.previous();
    const after = prev ? ` after ${describe(prev)}` : "";
    this.fail(t, `expected a value${after}, found ${describe(t)}`);
  }

  private parseWord(t: Token): Expr {
    const word = t.text.toLowerCase();
    if (!RESERVED_WORDS.has(word)) {
      if (this.isPunct("(", this.peek(1))) return this.unknownFunction(t);
      return this.parsePath();
    }
    switch (word) {
      case "true":
      case "false":
        this.next();
        return { kind: "boolean", value: word === "true", at: t.at };
      case "now":
        this.next();
        return { kind: "now", at: t.at };
      case "null":
        this.fail(t, `"null" is not a value: test for a missing value with "is null" or "is not null"`);
        break;
      case "date":
        return this.parseDate(t);
      case "exists":
      case "count":
        return this.call(t, () => ({ kind: word, filter: this.parseEventSet(), at: t.at }));
      case "sequence":
        return this.parseSequence(t);
      case "insegment":
        return this.call(t, () => {
          const id = this.peek();
          if (id.kind !== "string")
            this.fail(id, `expected a segment id string after "inSegment(", found ${describe(id)}`);
          this.next();
          return { kind: "inSegment", segmentId: id.value as string, at: t.at };
        });
    }
    if (word in AGGREGATES) return this.parseAggregate(t, AGGREGATES[word as keyof typeof AGGREGATES]);
    if (word in FUNCTIONS) {
      const fn = FUNCTIONS[word as keyof typeof FUNCTIONS];
      return this.call(t, () => {
        const args = this.parseArguments();
        if (args.length !== 1) this.fail(t, `${fn}() takes 1 argument, found ${args.length}`);
        return { kind: "call", fn, arg: args[0]!, at: t.at };
      });
    }
    return this.expectedValue(t);
  }

  /** `name(` … `)`: `inside` parses what stands between the parentheses. */
  private call(name: Token, inside: () => Expr): Expr {
    this.next();
    this.expectPunct("(", `"${name.text}"`);
    const expr = this.nested(inside);
    this.expectPunct(")", `the arguments of "${name.text}("`);
    return expr;
  }

  /** Comma-separated expressions up to (not including) ")"; recovers per argument. */
  private parseArguments(): Expr[] {
    const args: Expr[] = [];
    if (this.isPunct(")")) return args;
    const stop = (t: Token) => this.isPunct(",", t);
    args.push(this.recovering(() => this.parseOr(), stop));
    while (this.acceptPunct(",")) args.push(this.recovering(() => this.parseOr(), stop));
    return args;
  }

  private unknownFunction(t: Token): never {
    this.problems.push({ at: t.at, reason: `unknown function "${t.text}"` });
    this.next();
    this.next();
    this.parseArguments();
    throw new Unwind();
  }

  private parseDate(t: Token): Expr {
    return this.call(t, () => {
      const s = this.peek();
      if (s.kind !== "string")
        this.fail(s, `expected a date string such as "2026-01-31" after "date(", found ${describe(s)}`);
      this.next();
      const epochMs = parseInstant(s.value as string);
      if (epochMs === undefined) {
        this.fail(
          s,
          `invalid date ${s.text}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional Z or ±HH:MM`,
        );
      }
      return { kind: "date", text: s.value as string, epochMs, at: t.at };
    });
  }

  private parseList(): ListExpr {
    const open = this.next();
    const items: Expr[] = [];
    if (!this.isPunct("]")) {
      const stop = (t: Token) => this.isPunct(",", t);
      items.push(this.recovering(() => this.nested(() => this.parseOr()), stop));
      while (this.acceptPunct(","))
        items.push(this.recovering(() => this.nested(() => this.parseOr()), stop));
    }
    this.expectPunct("]", "the list elements");
    return { kind: "list", items, at: open.at };
  }

  private parseDuration(after: string): DurationExpr {
    const n = this.peek();
    if (n.kind !== "number")
      this.fail(n, `expected a duration such as 30 days after ${after}, found ${describe(n)}`);
    this.next();
    const u = this.peek();
    const unit = u.kind === "word" ? DURATION_UNITS[u.text.toLowerCase()] : undefined;
    if (!unit)
      this.fail(
        u,
        `expected a duration unit (minutes, hours, days, weeks) after ${describe(n)}, found ${describe(u)}`,
      );
    this.next();
    const amount = n.value as number;
    return { kind: "duration", amount, unit, ms: amount * UNIT_MS[unit], at: n.at };
  }

  // ---- events --------------------------------------------------------------------------

  /** `events` or `events where F`; F is read with event paths. */
  private parseEventSet(): Expr | null {
    const t = this.peek();
    if (!this.isWord("events")) this.fail(t, `expected "events" or "events where …", found ${describe(t)}`);
    this.next();
    if (!this.acceptWord("where")) return null;
    return this.inEventScope(() => this.parseOr());
  }

  private inEventScope<T>(parse: () => T): T {
    const saved = this.inFilter;
    this.inFilter = true;
    try {
      return parse();
    } finally {
      this.inFilter = saved;
    }
  }

  private parseSequence(t: Token): Expr {
    const steps = this.call(t, () => {
      const list: (Expr | null)[] = [this.parseEventSet()];
      while (this.acceptPunct(",")) list.push(this.parseEventSet());
      if (list.length < 2) this.fail(t, `sequence() takes at least 2 event sets, found ${list.length}`);
      // Carried out through a list node only to reuse `call`; unwrapped below.
      return { kind: "list", items: list as Expr[], at: t.at };
    }) as ListExpr;
    let within: DurationExpr | null = null;
    if (this.isWord("within")) {
      if (this.isWord("last", this.peek(1))) {
        this.fail(
          this.peek(),
          `sequence(…) takes "within" and a duration, as in "within 1 day", not "within last"`,
        );
      }
      this.next();
      within = this.parseDuration('"within"');
    }
    return { kind: "sequence", steps: steps.items as (Expr | null)[], within, at: t.at };
  }

  private parseAggregate(t: Token, fn: "sum" | "avg" | "min" | "max"): Expr {
    return this.call(t, () => {
      const e = this.peek();
      if (!this.isWord("events"))
        this.fail(e, `expected "events.<property>" after "${t.text}(", found ${describe(e)}`);
      this.next();
      const dot = this.peek();
      if (!this.isPunct("."))
        this.fail(dot, `expected "." and a property after "events", found ${describe(dot)}`);
      this.next();
      return this.inEventScope(() => {
        const path = this.parsePath(true);
        const filter = this.acceptWord("where") ? this.parseOr() : null;
        return { kind: "aggregate", fn, path, filter, at: t.at };
      });
    });
  }

  // ---- paths ---------------------------------------------------------------------------

  /** A path; `continued` when a "." was just read (then any word may start it). */
  private parsePath(continued = false): PathExpr {
    const first = this.peek();
    const source: string[] = [];
    const readSegment = (anyWord: boolean): void => {
      const t = this.peek();
      const ok =
        t.kind === "quoted" || (t.kind === "word" && (anyWord || !RESERVED_WORDS.has(t.text.toLowerCase())));
      if (!ok)
        this.fail(t, `expected a property name after ${describe(this.previous()!)}, found ${describe(t)}`);
      this.next();
      source.push(t.value as string);
    };
    readSegment(continued);
    while (this.isPunct(".")) {
      this.next();
      readSegment(true);
    }
    return { kind: "path", ...resolvePath(source, this.inFilter), source, at: first.at };
  }
}

/** What a path reads (docs/segment-language.md, "What a path reads"); the first segment as written decides. */
function resolvePath(source: string[], inFilter: boolean): { root: PathRoot; keys: string[] } {
  const [head, ...rest] = source as [string, ...string[]];
  const own: readonly string[] = inFilter
    ? ["type", "timestamp", "properties"]
    : ["id", "scores", "attributes", "type", "timestamp"];
  if (own.includes(head)) return { root: head as PathRoot, keys: rest };
  return { root: inFilter ? "properties" : "attributes", keys: source };
}
