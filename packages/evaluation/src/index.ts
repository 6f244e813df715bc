export { InvalidRequestError, NotFoundError } from "./errors.js";
export {
  bucketsFor,
  type EstimateOptions,
  type EstimateResult,
  estimateSegment,
  type Interval,
  wilsonInterval,
} from "./estimate.js";
export {
  evaluateProfile,
  type ProfileEvaluation,
  type ProfileEvaluationOptions,
  streamingEvaluationId,
} from "./evaluate-profile.js";
export { compileRun, evaluateShard, type ShardOptions, type ShardResult } from "./evaluate-shard.js";
export type { ProgressGateOptions } from "./progress-gate.js";
export { estimateRun, type RunEstimate, type RunEstimateInput } from "./run-estimate.js";
export { runShard } from "./run-shard.js";
export { checkDrafts, DRAFT_ID, type DraftCheck, dependentsOf } from "./segment-check.js";
export { type RunSegments, resolveRunSegments } from "./segment-set.js";
export { type StartRunRequest, startRun } from "./start-run.js";
export { type StreamingSet, StreamingSetCache, streamingSet } from "./streaming-set.js";
