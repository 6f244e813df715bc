export { InvalidRequestError, NotFoundError } from "./errors.js";
export { compileRun, evaluateShard, type ShardOptions, type ShardResult } from "./evaluate-shard.js";
export { type RunSegments, resolveRunSegments } from "./segment-set.js";
export { type StartRunRequest, startRun } from "./start-run.js";
