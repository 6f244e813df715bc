/**
 * Prints an expression back as segment-language source. Used by explanations (each node shows
 * the sub-expression it is about) and by tests that generate expressions as ASTs.
 * Parenthesizes by precedence, so that parse(format(ast)) has the same shape.
 */
import type { Expr } from "./ast.js";
import { RESERVED_WORDS } from "./keywords.js";

// Binding strength, loosest first; mirrors the grammar's ladder.
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const SUM = 5;
const PRODUCT = 6;
const UNARY = 7;
const PRIMARY = 8;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function segment(name: string, first: boolean): string {
  if (IDENT.test(name) && !(first && RESERVED_WORDS.has(name.toLowerCase()))) return name;
  return "`" + name + "`";
}

function formatNumber(n: number): string {
  // The language has no exponent: expand JavaScript's "1.5e+21" / "5e-7" into plain digits.
  const s = String(n);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1]! + (m[2] ?? "");
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function precedence(e: Expr): number {
  switch (e.kind) {
    case "or":
      return OR;
    case "and":
      return AND;
    case "not":
      return NOT;
    case "compare":
    case "in":
    case "between":
    case "contains":
    case "startsWith":
    case "endsWith":
    case "isNull":
    case "withinLast":
      return COMPARE;
    case "arith":
      return e.op === "+" || e.op === "-" ? SUM : PRODUCT;
    case "negate":
      return UNARY;
    default:
      return PRIMARY;
  }
}

function wrap(e: Expr, min: number): string {
  const text = formatExpr(e);
  return precedence(e) < min ? `(${text})` : text;
}

function eventSet(filter: Expr | null): string {
  return filter === null ? "events" : `events where ${formatExpr(filter)}`;
}

/** Source text for `e`. */
export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case "number":
      return formatNumber(e.value);
    case "string":
      return JSON.stringify(e.value);
    case "boolean":
      return String(e.value);
    case "now":
      return "now";
    case "date":
      return `date(${JSON.stringify(e.text)})`;
    case "duration":
      return `${formatNumber(e.amount)} ${e.unit}${e.amount === 1 ? "" : "s"}`;
    case "list":
      return `[${e.items.map(formatExpr).join(", ")}]`;
    case "path":
      return e.source.map((s, i) => segment(s, i === 0)).join(".");
    case "or":
      return e.operands.map((o) => wrap(o, AND)).join(" or ");
    case "and":
      return e.operands.map((o) => wrap(o, NOT)).join(" and ");
    case "not":
      return `not ${wrap(e.operand, NOT)}`;
    case "compare":
      return `${wrap(e.left, SUM)} ${e.op} ${wrap(e.right, SUM)}`;
    case "in":
      return `${wrap(e.value, SUM)} ${e.negated ? "not in" : "in"} ${formatExpr(e.list)}`;
    case "between":
      return `${wrap(e.value, SUM)} ${e.negated ? "not between" : "between"} ${wrap(e.low, SUM)} and ${wrap(e.high, SUM)}`;
    case "contains":
      return `${wrap(e.value, SUM)} contains ${wrap(e.operand, SUM)}`;
    case "startsWith":
      return `${wrap(e.value, SUM)} starts with ${wrap(e.operand, SUM)}`;
    case "endsWith":
      return `${wrap(e.value, SUM)} ends with ${wrap(e.operand, SUM)}`;
    case "isNull":
      return `${wrap(e.value, SUM)} is ${e.negated ? "not null" : "null"}`;
    case "withinLast":
      return `${wrap(e.value, SUM)} within last ${formatExpr(e.duration)}`;
    case "arith": {
      const p = precedence(e);
      // Left-associative: the right operand needs parentheses at equal precedence.
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case "negate":
      return `-${wrap(e.operand, UNARY)}`;
    case "call":
      return `${e.fn}(${formatExpr(e.arg)})`;
    case "exists":
      return `exists(${eventSet(e.filter)})`;
    case "count":
      return `count(${eventSet(e.filter)})`;
    case "aggregate": {
      const path = `events.${e.path.source.map((s) => segment(s, false)).join(".")}`;
      return `${e.fn}(${path}${e.filter === null ? "" : ` where ${formatExpr(e.filter)}`})`;
    }
    case "sequence": {
      const steps = e.steps.map(eventSet).join(", ");
      return `sequence(${steps})${e.within === null ? "" : ` within ${formatExpr(e.within)}`}`;
    }
    case "inSegment":
      return `inSegment(${JSON.stringify(e.segmentId)})`;
  }
}
