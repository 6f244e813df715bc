/** `/v1/profiles`: writes, a profile with its memberships and their history, its live memberships, and why it is or is not in a segment. */
import { z } from "zod";
import { IsoDate, Rejected } from "./common.js";
import { response } from "./registry.js";
import { MembershipChangeSource, MembershipChangeStatus, MembershipStatus } from "./statuses.js";

export const UpsertProfilesResponse = response(
  "UpsertProfilesResponse",
  z.object({
    upserted: z.number().int().meta({ description: "profiles written: inserted + updated" }),
    inserted: z.number().int(),
    updated: z.number().int(),
    rejected: Rejected,
  }),
);

export const ProfileResponse = response(
  "Profile",
  z.object({
    id: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    scores: z.record(z.string(), z.unknown()),
    segmentMembership: z.record(
      z.string(),
      z.object({
        status: MembershipStatus,
        lastQualificationTime: IsoDate,
        runId: z.string().meta({ description: "the batch run, or `stream-<ms>` for a streaming evaluation" }),
        source: MembershipChangeSource.meta({
          description: "what evaluated this entry (batch when not recorded)",
        }),
      }),
    ),
    segments: z.array(z.string()).meta({ description: "segments the profile is in (realized or existing)" }),
    events: z
      .array(
        z.object({ type: z.string(), timestamp: IsoDate, properties: z.record(z.string(), z.unknown()) }),
      )
      .optional()
      .meta({ description: "its latest events, newest first, when `events` asked for some" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  }),
);
export type ProfileResponse = z.infer<typeof ProfileResponse>;

export const MembershipHistoryResponse = response(
  "MembershipHistory",
  z.object({
    profileId: z.string(),
    changes: z
      .array(
        z.object({
          segmentId: z.string(),
          status: MembershipChangeStatus,
          at: IsoDate.meta({ description: "the run's now" }),
          runId: z.string(),
          source: MembershipChangeSource,
        }),
      )
      .meta({ description: "the profile's membership changes, newest first" }),
  }),
);
export type MembershipHistoryResponse = z.infer<typeof MembershipHistoryResponse>;

export const LiveMembershipResponse = response(
  "LiveMembership",
  z.object({
    id: z.string(),
    now: IsoDate.meta({ description: "the instant evaluated at" }),
    segments: z
      .array(z.string())
      .meta({ description: "ids of the stored segments the profile is in at `now`, evaluated on the spot" }),
    tookMs: z.number().meta({ description: "time the API spent answering, in milliseconds" }),
  }),
);
export type LiveMembershipResponse = z.infer<typeof LiveMembershipResponse>;

const Position = z.object({ line: z.number().int(), column: z.number().int() });

/**
 * A node of an explanation: the segment language's explain tree, as JSON. Written out as an
 * interface because the schema is recursive: an inferred type would lose `children`'s element type
 * in the built declarations.
 */
export interface ExplainNode {
  expression: string;
  at: { line: number; column: number };
  holds?: boolean;
  value?: unknown;
  missing?: boolean;
  matchingEvents?: number;
  children: ExplainNode[];
}

export const ExplainNode: z.ZodType<ExplainNode> = response(
  "ExplainNode",
  z.object({
    expression: z.string(),
    at: Position,
    holds: z.boolean().optional(),
    value: z.unknown().optional(),
    missing: z.boolean().optional(),
    matchingEvents: z.number().int().optional(),
    get children() {
      return z.array(ExplainNode);
    },
  }),
);

export const ExplainResponse = response(
  "Explanation",
  z.object({
    profileId: z.string(),
    segmentId: z.string(),
    now: IsoDate,
    holds: z.boolean(),
    explanation: z.object({ segmentId: z.string(), holds: z.boolean(), root: ExplainNode }),
  }),
);
export type ExplainResponse = z.infer<typeof ExplainResponse>;
