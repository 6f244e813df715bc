/**
 * @segflow/segment-language: the segment language of docs/segment-language.md.
 *
 * - {@link parseDefinition}: source → versioned JSON AST, or positioned syntax problems.
 * - {@link checkSegments}: parse and check a set of definitions together (types, functions,
 *   `inSegment` references and cycles, duplicate ids), giving every error at once; the result
 *   holds the ASTs and the dependency graph. {@link parseSegment} parses one definition ahead, to
 *   check it in several sets; {@link selectSegments} keeps the part of a checked set that some
 *   segments need.
 * - {@link compileSegments}: a checked set → one evaluator that reads each profile's events once.
 * - `explain` on the compiled set: why a profile is or is not in a segment.
 * - {@link nextChangeInstant}: when a profile's memberships may next change with time alone.
 * - {@link walk}, {@link children}, {@link dependsOn}: the tree walk every pass uses.
 */
export * from "./ast.js";
export {
  type CheckedSegment,
  type CheckResult,
  checkSegments,
  type ParsedSegment,
  parseSegment,
  type SegmentDefinition,
  selectSegments,
} from "./checker.js";
export type { ExplainNode, Explanation } from "./compiler/explain.js";
export { type CompiledSegments, compileSegments } from "./compiler/segment-set.js";
export { type LanguageError, type Problem, SegmentLanguageError } from "./errors.js";
export { formatExpr } from "./format.js";
export { formatInstant, parseInstant } from "./instant.js";
/** The grammar's words, for editors that highlight or complete the language. */
export { DURATION_UNITS, RESERVED_WORDS } from "./keywords.js";
export { type ParseResult, parseDefinition } from "./parser.js";
export type { Profile, ProfileEvent } from "./profile.js";
export { compareStrings as compareCodePoints } from "./semantics/compare.js";
export { nextChangeInstant } from "./timing/next-change.js";
export { children, dependsOn, walk } from "./walk.js";
