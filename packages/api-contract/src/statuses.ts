/**
 * The states the API reports, one list each. The store keeps the same values in its documents;
 * apps/api checks at compile time that the two agree (`contract-types.test.ts`).
 */
import { z } from "zod";

/** A profile's membership of a segment (Adobe's statuses): in the segment when realized or existing. */
export const MembershipStatus = z.enum(["realized", "existing", "exited"]);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

/** A recorded change of membership: `existing` is no change, so it is never one. */
export const MembershipChangeStatus = z.enum(["realized", "exited"]);
export type MembershipChangeStatus = z.infer<typeof MembershipChangeStatus>;

/** What made a membership change: a batch run, or the streaming evaluation of one profile. */
export const MembershipChangeSource = z.enum(["batch", "streaming"]);
export type MembershipChangeSource = z.infer<typeof MembershipChangeSource>;

export const RunStatus = z.enum(["queued", "running", "completed", "failed"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const ModelStatus = z.enum(["untrained", "training", "scoring", "ready", "poor", "failed"]).meta({
  description:
    "untrained; training; scoring (a good version is being written to the profiles); ready (the active version's " +
    "scores are on the profiles); poor (the last version's validation AUC was under minAuc); failed (see error)",
});
export type ModelStatus = z.infer<typeof ModelStatus>;

export const ModelVersionStatus = z.enum(["trained", "poor", "scoring", "active", "superseded"]);
export type ModelVersionStatus = z.infer<typeof ModelVersionStatus>;

/** A BullMQ job's state, as the API reports a queued training or scoring. */
export const JobState = z.enum([
  "waiting",
  "active",
  "delayed",
  "prioritized",
  "waiting-children",
  "completed",
  "failed",
  "unknown",
]);
export type JobState = z.infer<typeof JobState>;
