/**
 * @segflow/training: a propensity model's lifecycle against the store (ARCHITECTURE.md,
 * "Propensity: training and scoring"), with no queue code: the trainer app schedules these, the
 * API asks it which version to score, tests and scripts can call them directly.
 *
 * - lifecycle.ts (also the TF.js-free `/lifecycle` entry): typed model documents, start and
 *   record a training, which version may be scored, start and finish a scoring pass, when the
 *   outcomes are due.
 * - {@link trainInThread}: reads every profile and fits a model in a worker thread.
 * - {@link scoreShard}: scores a bucket range with a stored version, writes what changed;
 *   {@link ScorerCache} keeps a trainer's scorers across shards.
 * - {@link checkOutcomes}: predicted versus actual per score band once the window has passed.
 */
export * from "./lifecycle.js";
export { checkOutcomes, checkVersionOutcomes } from "./outcomes.js";
export { type ScoreShardInput, scoreShard } from "./score-shard.js";
export { ScorerCache } from "./scorer-cache.js";
export { type TrainedModel, trainInThread } from "./train-in-thread.js";
export { allProfiles } from "./training-profiles.js";
