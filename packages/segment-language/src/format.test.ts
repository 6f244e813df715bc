/**
 * formatExpr: parentheses by precedence, backticks where a name needs them, numbers without
 * exponents. Each printed text must also parse back to something that prints the same.
 */
import { describe, expect, it } from "vitest";
import { type Expr, formatExpr, parseDefinition } from "./index.js";

const AT = { line: 1, column: 1 };
const n = (value: number): Expr => ({ kind: "number", value, at: AT });
const attr = (...source: string[]): Expr => ({
  kind: "path",
  root: "attributes",
  keys: source,
  source,
  at: AT,
});
const cmp = (left: Expr, right: Expr): Expr => ({ kind: "compare", op: "=", left, right, at: AT });
const and = (...operands: Expr[]): Expr => ({ kind: "and", operands, at: AT });
const or = (...operands: Expr[]): Expr => ({ kind: "or", operands, at: AT });
const not = (operand: Expr): Expr => ({ kind: "not", operand, at: AT });
const arith = (op: "+" | "-" | "*" | "/", left: Expr, right: Expr): Expr => ({
  kind: "arith",
  op,
  left,
  right,
  at: AT,
});
const neg = (operand: Expr): Expr => ({ kind: "negate", operand, at: AT });

/** Parses `text` and prints it again: must be `text` itself. */
function reprint(text: string): string {
  const { ast, problems } = parseDefinition(text);
  expect(problems, text).toEqual([]);
  return formatExpr(ast!.root);
}

describe("formatExpr precedence", () => {
  const a = attr("a");
  const b = attr("b");
  const c = attr("c");
  it.each<[string, Expr, string]>([
    ["or inside and", and(or(a, b), c), "(a or b) and c"],
    ["and inside or", or(and(a, b), c), "a and b or c"],
    ["not of and", not(and(a, b)), "not (a and b)"],
    ["not of not", not(not(a)), "not not a"],
    ["and of not", and(not(a), b), "not a and b"],
    [
      "comparison as an operand of =",
      cmp(cmp(a, n(1)), { kind: "boolean", value: true, at: AT }),
      "(a = 1) = true",
    ],
    ["sum inside product", arith("*", arith("+", a, b), c), "(a + b) * c"],
    ["product inside sum", arith("+", arith("*", a, b), c), "a * b + c"],
    ["left-associative minus", arith("-", arith("-", a, b), c), "a - b - c"],
    ["right-nested minus", arith("-", a, arith("-", b, c)), "a - (b - c)"],
    ["right-nested division", arith("/", a, arith("*", b, c)), "a / (b * c)"],
    ["negated sum", neg(arith("+", a, b)), "-(a + b)"],
    ["double negation", neg(neg(n(3))), "--3"],
    ["arithmetic in a comparison", cmp(arith("+", a, n(1)), arith("*", b, n(2))), "a + 1 = b * 2"],
  ])("%s", (_name, expr, text) => {
    expect(formatExpr(expr)).toBe(text);
    expect(reprint(text)).toBe(text);
  });
});

describe("formatExpr names", () => {
  it.each<[string, Expr, string]>([
    ["reserved first segment", attr("and", "x"), "`and`.x"],
    ["reserved word after a dot", attr("x", "and"), "x.and"],
    ["reserved word in any case", attr("Where"), "`Where`"],
    ["odd characters", attr("first-name"), "`first-name`"],
    ["non-ASCII", attr("ü", "😀"), "`ü`.`😀`"],
    ["a duration unit is not reserved", attr("days"), "days"],
    ["digits first", attr("1st"), "`1st`"],
    ["spaces", attr("a b"), "`a b`"],
    [
      "explicit attributes root",
      { kind: "path", root: "attributes", keys: ["type"], source: ["attributes", "type"], at: AT },
      "attributes.type",
    ],
    [
      "aggregate path after events.",
      {
        kind: "aggregate",
        fn: "sum",
        path: { kind: "path", root: "properties", keys: ["min"], source: ["min"], at: AT },
        filter: null,
        at: AT,
      },
      "sum(events.min)",
    ],
    ["segment id with a quote", { kind: "inSegment", segmentId: 'q"uote', at: AT }, 'inSegment("q\\"uote")'],
  ])("%s", (_name, expr, text) => {
    const printed = formatExpr(cmp(expr, n(1)));
    expect(printed).toBe(`${text} = 1`);
    expect(reprint(printed)).toBe(printed);
  });
});

describe("formatExpr numbers", () => {
  it.each<[number, string]>([
    [0, "0"],
    [1, "1"],
    [0.1, "0.1"],
    [1.5, "1.5"],
    [123456.789, "123456.789"],
    [1e-7, "0.0000001"],
    [1.5e-10, "0.00000000015"],
    [1e21, "1000000000000000000000"],
    [2 ** 53 + 2, "9007199254740994"],
  ])("%s prints as %s", (value, text) => {
    expect(formatExpr(n(value))).toBe(text);
  });

  it.each([1e21, 1.7976931348623157e308, 1.2345678e-18, 5e-324, 0.000001234567891234, 123e25, 1 / 3])(
    "%s prints without an exponent and parses back exactly",
    (value) => {
      const text = formatExpr(n(value));
      expect(text).toMatch(/^[0-9]+(\.[0-9]+)?$/);
      const { ast, problems } = parseDefinition(`x = ${text}`);
      expect(problems).toEqual([]);
      const right = ast!.root.kind === "compare" ? ast!.root.right : undefined;
      expect(right).toMatchObject({ kind: "number", value });
    },
  );

  it("durations print their amount the same way", () => {
    const d: Expr = { kind: "duration", amount: 1.5, unit: "day", ms: 1.5 * 86_400_000, at: AT };
    expect(formatExpr(d)).toBe("1.5 days");
    expect(formatExpr({ ...d, amount: 1, ms: 86_400_000 })).toBe("1 day");
  });
});
