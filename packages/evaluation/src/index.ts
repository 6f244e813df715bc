export {
  type BacktestOptions,
  type BacktestPoint,
  type BacktestResult,
  backtestInstants,
  backtestPointCount,
  backtestSegment,
  MAX_BACKTEST_POINTS,
  parseStep,
} from "./backtest.js";
export { InvalidRequestError, NotFoundError } from "./errors.js";
export {
  CONFIDENCE,
  type EstimateOptions,
  type EstimateResult,
  estimateSegment,
  type Interval,
  type ScaledCount,
  scaleCount,
  wilsonInterval,
} from "./estimate.js";
export { compileRun, evaluateShard, type ShardOptions, type ShardResult } from "./evaluate-shard.js";
export { type LiveMembership, liveMembership } from "./live-membership.js";
export {
  LIVE_SEGMENTS_TTL_MS,
  type LiveSegmentSet,
  LiveSegments,
  type LiveSegmentsOptions,
} from "./live-segments.js";
export type { ProgressGateOptions } from "./progress-gate.js";
export { estimateRun, type RunEstimate, type RunEstimateInput } from "./run-estimate.js";
export { runShard, ShardAttemptReplacedError } from "./run-shard.js";
export {
  bucketsFor,
  readSample,
  SAMPLE_BUDGET_MS,
  type SampleOptions,
  type SampleSummary,
} from "./sample.js";
export { checkDrafts, DRAFT_ID, type DraftCheck, dependentsOf } from "./segment-check.js";
export { type RunSegments, resolveRunSegments } from "./segment-set.js";
export { type StartRunRequest, startRun } from "./start-run.js";
export {
  evaluateProfile,
  type ProfileEvaluation,
  type ProfileEvaluationOptions,
  StreamingEvaluator,
  type StreamingEvaluatorOptions,
  streamingEvaluationId,
} from "./streaming-evaluator.js";
export { type StreamingSet, StreamingSetCache, streamingSet } from "./streaming-set.js";
