/**
 * Static types of one definition (docs/segment-language.md, "Checks"). Every form has a
 * known type except paths; the checker rejects what can never make sense before anything runs.
 */
import type { Expr } from "./ast.js";
import type { Problem } from "./errors.js";
import { formatExpr } from "./format.js";

export type StaticType = "number" | "string" | "boolean" | "instant" | "duration" | "list" | "unknown";

const ARITH_RESULT: Record<string, StaticType> = {
  "number+number": "number",
  "number-number": "number",
  "number*number": "number",
  "number/number": "number",
  "instant+duration": "instant",
  "instant-duration": "instant",
  "duration+instant": "instant",
  "instant-instant": "duration",
  "duration+duration": "duration",
  "duration-duration": "duration",
};

/** The problems of one definition's AST, in source order. */
export function typeProblems(root: Expr): Problem[] {
  const problems: Problem[] = [];
  const report = (e: Expr, reason: string) => problems.push({ at: e.at, reason });

  const quote = (e: Expr) => {
    const text = formatExpr(e);
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  };

  /** A condition: a boolean form, or a path (true exactly when it holds `true`). */
  const condition = (e: Expr, inFilter: boolean, where: string): void => {
    const t = typeOf(e, inFilter);
    if (t !== "boolean" && e.kind !== "path")
      report(e, `${where} must be a condition, but ${quote(e)} is a ${describe(t, e)}`);
  };

  /** An operand that must not be a known boolean (ordering, text, arithmetic forms). */
  const notBoolean = (e: Expr, inFilter: boolean, form: string): StaticType => {
    const t = typeOf(e, inFilter);
    if (t === "boolean") report(e, `${quote(e)} is a condition and cannot be used with ${form}`);
    return t;
  };

  const eventSet = (filter: Expr | null, inFilter: boolean, owner: Expr, name: string): void => {
    if (inFilter) report(owner, `${name}(…) cannot be used inside an event filter`);
    if (filter) condition(filter, true, `the "where" filter of ${name}(…)`);
  };

  const typeOf = (e: Expr, inFilter: boolean): StaticType => {
    switch (e.kind) {
      case "number":
      case "string":
      case "boolean":
        return e.kind;
      case "now":
      case "date":
        return "instant";
      case "duration":
        return "duration";
      case "list":
        for (const i of e.items) typeOf(i, inFilter);
        return "list";
      case "path":
        if (!inFilter && (e.root === "type" || e.root === "timestamp")) {
          report(
            e,
            `"${e.source[0]}" is a field of an event: use it inside "events where …" (attributes.${e.source[0]} reads an attribute)`,
          );
        }
        return "unknown";
      case "and":
      case "or":
        for (const o of e.operands) condition(o, inFilter, `an operand of "${e.kind}"`);
        return "boolean";
      case "not":
        condition(e.operand, inFilter, `the operand of "not"`);
        return "boolean";
      case "compare":
        if (e.op === "=" || e.op === "!=") {
          typeOf(e.left, inFilter);
          typeOf(e.right, inFilter);
        } else {
          notBoolean(e.left, inFilter, `"${e.op}"`);
          notBoolean(e.right, inFilter, `"${e.op}"`);
        }
        return "boolean";
      case "in":
        typeOf(e.value, inFilter);
        typeOf(e.list, inFilter);
        return "boolean";
      case "between": {
        const form = e.negated ? `"not between"` : `"between"`;
        for (const x of [e.value, e.low, e.high]) notBoolean(x, inFilter, form);
        return "boolean";
      }
      case "contains":
      case "startsWith":
      case "endsWith": {
        const form = { contains: `"contains"`, startsWith: `"starts with"`, endsWith: `"ends with"` }[e.kind];
        notBoolean(e.value, inFilter, form);
        notBoolean(e.operand, inFilter, form);
        return "boolean";
      }
      case "isNull":
        typeOf(e.value, inFilter);
        return "boolean";
      case "withinLast":
        notBoolean(e.value, inFilter, `"within last"`);
        return "boolean";
      case "arith": {
        const l = notBoolean(e.left, inFilter, `"${e.op}"`);
        const r = notBoolean(e.right, inFilter, `"${e.op}"`);
        return ARITH_RESULT[`${l}${e.op}${r}`] ?? "unknown";
      }
      case "negate": {
        const t = notBoolean(e.operand, inFilter, `unary "-"`);
        return t === "number" || t === "duration" ? t : "unknown";
      }
      case "call":
        typeOf(e.arg, inFilter);
        return e.fn === "lower" || e.fn === "upper" ? "string" : "number";
      case "exists":
        eventSet(e.filter, inFilter, e, "exists");
        return "boolean";
      case "count":
        eventSet(e.filter, inFilter, e, "count");
        return "number";
      case "aggregate":
        eventSet(e.filter, inFilter, e, e.fn);
        return (e.fn === "min" || e.fn === "max") && e.path.root === "timestamp" && e.path.keys.length === 0
          ? "instant"
          : "number";
      case "sequence":
        if (inFilter) report(e, `sequence(…) cannot be used inside an event filter`);
        for (const s of e.steps) if (s) condition(s, true, `the "where" filter of sequence(…)`);
        return "boolean";
      case "inSegment":
        return "boolean";
    }
  };

  condition(root, false, "a segment definition");
  return problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}

function describe(t: StaticType, e: Expr): string {
  if (t === "unknown") return e.kind === "arith" || e.kind === "negate" ? "value, not a condition" : "value";
  return t;
}
