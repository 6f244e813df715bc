/**
 * Test-only helpers for the segment language: the reference interpreter (the oracle the
 * compiled evaluator is checked against) and fast-check arbitraries. Excluded from the build;
 * production code never imports this folder.
 */

export {
  type EvaluationCase,
  evaluationCaseArb,
  type GeneratedSegment,
  mapExpr,
  NOWS,
  profileArb,
  rootArb,
  segmentSetArb,
} from "./arbitraries.js";
export { interpret } from "./interpreter.js";
export { timeProfileArb, timeRootArb } from "./time-arbitraries.js";
