/**
 * @segflow/training: propensity models against the store (design.md, "Propensity"), with no queue
 * code: the trainer app schedules these, tests and scripts can call them directly.
 *
 * - {@link trainInThread}: reads every profile and fits a model in a worker thread.
 * - {@link scoreShard}: scores a bucket range with a stored version, writes what changed.
 * - {@link checkOutcomes}: predicted versus actual per bucket once the window has passed.
 */
export { checkOutcomes } from "./outcomes.js";
export { type ScoreShardInput, scoreShard } from "./score-shard.js";
export { type TrainedModel, TrainingError, trainInThread } from "./train-in-thread.js";
export { allProfiles } from "./training-profiles.js";
