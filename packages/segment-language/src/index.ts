/**
 * @segflow/segment-language: the segment language of segment-language.md.
 *
 * - {@link parseDefinition}: source → versioned JSON AST, or positioned syntax problems.
 * - {@link checkSegments}: parse and check a set of definitions together (types, functions,
 *   `inSegment` references and cycles, duplicate ids), giving every error at once.
 * - {@link compileSegments}: a checked set → one evaluator that reads each profile's events once.
 * - `explain` on the compiled set: why a profile is or is not in a segment.
 */
export * from "./ast.js";
export { type CheckedSegment, type CheckResult, checkSegments, type SegmentDefinition } from "./checker.js";
export { type CompiledSegments, compileSegments } from "./compiler/segment-set.js";
export { type LanguageError, SegmentLanguageError } from "./errors.js";
export type { ExplainNode, Explanation } from "./explain.js";
export { formatExpr } from "./format.js";
export { formatInstant, parseInstant } from "./instant.js";
export { type ParseResult, parseDefinition } from "./parser.js";
export type { Profile, ProfileEvent } from "./profile.js";
export { compareStrings as compareCodePoints } from "./semantics/compare.js";
