/**
 * The segment language's abstract syntax tree: plain JSON, documented, versioned.
 *
 * A parsed definition is a {@link SegmentAst}: `{ astVersion, root }`. Every node has a `kind`
 * and `at`, the 1-based line:column (in code points) where it starts in the source. Paths are
 * already resolved: `root` says what they read (docs/segment-language.md, "What a path reads"), so consumers
 * never re-derive scoping. Bump {@link AST_VERSION} on any change a stored AST would notice.
 */

/** Version of the AST shape below. */
export const AST_VERSION = 1;

export interface Position {
  /** 1-based line; LF and CRLF end a line. */
  line: number;
  /** 1-based column, counted in code points. */
  column: number;
}

export interface SegmentAst {
  astVersion: typeof AST_VERSION;
  root: Expr;
}

/** Comparison operators of `compare`. */
export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/";
export type DurationUnit = "minute" | "hour" | "day" | "week";
/** One-argument functions. */
export type FunctionName = "lower" | "upper" | "length" | "abs" | "daysSince" | "yearsSince";
export type AggregateFn = "sum" | "avg" | "min" | "max";

/**
 * What a path reads. Outside an event filter: `id` (the profile id), `attributes`, `scores`.
 * Inside an event filter or an aggregate path: `type`, `timestamp` (the event's own fields) and
 * `properties`. `keys` are the segments after the root (for `loyalty.tier`, root `attributes`,
 * keys `["loyalty", "tier"]`; for `attributes.loyalty.tier` the same).
 */
export type PathRoot = "id" | "attributes" | "scores" | "type" | "timestamp" | "properties";

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NowExpr
  | DateExpr
  | DurationExpr
  | ListExpr
  | PathExpr
  | AndExpr
  | OrExpr
  | NotExpr
  | CompareExpr
  | InExpr
  | BetweenExpr
  | TextMatchExpr
  | IsNullExpr
  | WithinLastExpr
  | ArithExpr
  | NegateExpr
  | CallExpr
  | ExistsExpr
  | CountExpr
  | AggregateExpr
  | SequenceExpr
  | InSegmentExpr;

export interface NumberLiteral {
  kind: "number";
  value: number;
  at: Position;
}
/** A JSON string literal, unescaped. */
export interface StringLiteral {
  kind: "string";
  value: string;
  at: Position;
}
export interface BooleanLiteral {
  kind: "boolean";
  value: boolean;
  at: Position;
}
/** The evaluation instant. */
export interface NowExpr {
  kind: "now";
  at: Position;
}
/** `date("2026-01-31")`: `text` as written, `epochMs` as checked and parsed (UTC). */
export interface DateExpr {
  kind: "date";
  text: string;
  epochMs: number;
  at: Position;
}
/** `30 days`: `amount` and singular `unit` as written, `ms` its length. */
export interface DurationExpr {
  kind: "duration";
  amount: number;
  unit: DurationUnit;
  ms: number;
  at: Position;
}
/** `[a, b]`. */
export interface ListExpr {
  kind: "list";
  items: Expr[];
  at: Position;
}
/** `loyalty.tier`, `scores.churn.score`, `keywords`; `source` is the path as written. */
export interface PathExpr {
  kind: "path";
  root: PathRoot;
  keys: string[];
  source: string[];
  at: Position;
}
/** `a and b and c`, flattened. */
export interface AndExpr {
  kind: "and";
  operands: Expr[];
  at: Position;
}
export interface OrExpr {
  kind: "or";
  operands: Expr[];
  at: Position;
}
export interface NotExpr {
  kind: "not";
  operand: Expr;
  at: Position;
}
export interface CompareExpr {
  kind: "compare";
  op: CompareOp;
  left: Expr;
  right: Expr;
  at: Position;
}
/** `x in [..]` / `x not in [..]`. */
export interface InExpr {
  kind: "in";
  negated: boolean;
  value: Expr;
  list: ListExpr;
  at: Position;
}
/** `x between a and b` / `x not between a and b`. */
export interface BetweenExpr {
  kind: "between";
  negated: boolean;
  value: Expr;
  low: Expr;
  high: Expr;
  at: Position;
}
/** `contains`, `starts with`, `ends with`. */
export interface TextMatchExpr {
  kind: "contains" | "startsWith" | "endsWith";
  value: Expr;
  operand: Expr;
  at: Position;
}
/** `x is null` / `x is not null`. */
export interface IsNullExpr {
  kind: "isNull";
  negated: boolean;
  value: Expr;
  at: Position;
}
/** `x within last 30 days`. */
export interface WithinLastExpr {
  kind: "withinLast";
  value: Expr;
  duration: DurationExpr;
  at: Position;
}
export interface ArithExpr {
  kind: "arith";
  op: ArithOp;
  left: Expr;
  right: Expr;
  at: Position;
}
/** Unary minus. */
export interface NegateExpr {
  kind: "negate";
  operand: Expr;
  at: Position;
}
export interface CallExpr {
  kind: "call";
  fn: FunctionName;
  arg: Expr;
  at: Position;
}
/** `exists(events where F)`; `filter` is null for plain `events`. */
export interface ExistsExpr {
  kind: "exists";
  filter: Expr | null;
  at: Position;
}
export interface CountExpr {
  kind: "count";
  filter: Expr | null;
  at: Position;
}
/** `sum(events.revenue where F)`: `path` is resolved as inside a filter. */
export interface AggregateExpr {
  kind: "aggregate";
  fn: AggregateFn;
  path: PathExpr;
  filter: Expr | null;
  at: Position;
}
/** `sequence(events where A, events where B) within 1 day`; a null step is plain `events`. */
export interface SequenceExpr {
  kind: "sequence";
  steps: (Expr | null)[];
  within: DurationExpr | null;
  at: Position;
}
export interface InSegmentExpr {
  kind: "inSegment";
  segmentId: string;
  at: Position;
}

/** Milliseconds in one of each duration unit. */
export const UNIT_MS: Record<DurationUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};
