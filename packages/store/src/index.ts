export { BUCKETS, bucketOf } from "./bucket.js";
export {
  type AttemptOutcome,
  type DeadLetter,
  deliveryId,
  getDelivery,
  insertDeliveries,
  listDeadLetters,
  markDeliveryDead,
  recordDeliveryAttempt,
  reopenDeadLetter,
} from "./deliveries.js";
export {
  createDestination,
  type DestinationInput,
  deleteDestination,
  getDestination,
  listDestinations,
  updateDestination,
} from "./destinations.js";
export type {
  ChangeSource,
  DeliveryDoc,
  DeliveryStatus,
  DestinationDoc,
  EventDoc,
  FeedChange,
  FeedPublishedDoc,
  MembershipChangeDoc,
  MembershipEntry,
  MembershipStatus,
  ModelDoc,
  ModelOutcomes,
  ModelPart,
  ModelStatus,
  ModelVersionDoc,
  ModelVersionStatus,
  ProfileDoc,
  ProfileEvaluationError,
  RunDoc,
  RunShardDoc,
  RunStatus,
  ScoreEntry,
  ScoreShardDoc,
  SegmentCounts,
  SegmentDoc,
} from "./documents.js";
export { type EventInput, type InsertEventsOptions, insertEvents } from "./events.js";
export {
  FEED_PUBLISHED_TTL_SECONDS,
  type FeedBatch,
  feedBatchId,
  finishFeedBatch,
  nextFeedBatch,
  pendingChangeCount,
} from "./feed-outbox.js";
export { type FieldSample, type FieldSampleOptions, sampleFields } from "./fields.js";
export {
  changeDocs,
  membershipChangeId,
  membershipHistory,
  recordMembershipChanges,
} from "./membership-changes.js";
export {
  addCount,
  emptyCounts,
  type MembershipChange,
  membershipTransition,
  type Transition,
  writeMemberships,
} from "./memberships.js";
export {
  activateVersion,
  createModel,
  deleteModel,
  getArtefactField,
  getModel,
  getModelVersion,
  getModelVersionSummary,
  insertModelVersion,
  listModels,
  listModelVersions,
  type ModelInput,
  type ModelVersionSummary,
  recordOutcomes,
  recordScoreShard,
  scoringProgress,
  setModelStatus,
  setVersionStatus,
  startVersionScoring,
  updateModel,
  versionId,
} from "./models.js";
export {
  createStoreIndexes,
  type PrepareStoreOptions,
  prepareStore,
  type StoreSetup,
} from "./prepare-store.js";
export { type LoadedProfile, loadProfiles } from "./profile-batches.js";
export { profileEvents, profileEventsFilter, recentEvents, type StoredEvent } from "./profile-events.js";
export {
  MembershipConflictError,
  type ProfileMembershipWrite,
  writeProfileMemberships,
} from "./profile-memberships.js";
export {
  getProfile,
  insertNewProfiles,
  loadProfile,
  type ProfileInput,
  profileExists,
  toProfile,
  upsertProfiles,
} from "./profiles.js";
export {
  currentRetentionDays,
  describeRetention,
  type RetentionIndexChange,
} from "./retention-index.js";
export {
  beginShard,
  finishedShard,
  finishShardAttempt,
  RUN_ERRORS_KEPT,
  type RunProgress,
  recordShard,
  reportShardProgress,
  runProgress,
  type ShardOutcome,
  shardAttemptCurrent,
} from "./run-shards.js";
export {
  completeRun,
  createRun,
  failRun,
  getRun,
  listRuns,
  markRunRunning,
  type RunInput,
  runIdFor,
} from "./runs.js";
export { sameScore, writeScores } from "./scores.js";
export {
  createSegment,
  DuplicateIdError,
  deleteSegment,
  getSegment,
  listSegments,
  SEGMENT_ID,
  type SegmentInput,
  segmentStamps,
  updateSegment,
} from "./segments.js";
export { readShard, type ShardProfile } from "./shard-reader.js";
export { planShards, type ShardRange } from "./shards.js";
export { openStore, type Store } from "./store.js";
export { isStoreUnavailable } from "./store-unavailable.js";
export {
  DocumentsRefusedError,
  MAX_DOCUMENT_BYTES,
  type RejectedWrite,
  type RejectionCode,
} from "./write-refusals.js";
