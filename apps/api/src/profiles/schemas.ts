/** Request shapes of `/v1/profiles` (answers: @segflow/api-contract's profiles). */
import { z } from "zod";
import { Instant, LIMITS, ProfileId, request, StorableObject } from "../http/schemas.js";

export const ProfileInput = request(
  "ProfileInput",
  z.strictObject({
    id: ProfileId,
    attributes: StorableObject,
    scores: StorableObject.optional(),
  }),
);

export const UpsertProfilesBody = request(
  "UpsertProfilesRequest",
  z
    .strictObject({ profiles: z.array(ProfileInput).min(1).max(LIMITS.profilesPerRequest) })
    .superRefine(({ profiles }, ctx) => {
      const first = new Map<string, number>();
      profiles.forEach((p, i) => {
        const seen = first.get(p.id);
        if (seen === undefined) first.set(p.id, i);
        else {
          ctx.addIssue({
            code: "custom",
            path: ["profiles", i, "id"],
            message: `duplicate id ${JSON.stringify(p.id)} (also at profiles.${seen}.id)`,
          });
        }
      });
    }),
);

export const ProfileQuery = z.strictObject({
  events: z.coerce
    .number()
    .int()
    .min(0)
    .max(LIMITS.eventsPerProfileRead)
    .default(0)
    .meta({ description: "how many of its latest events to include, newest first" }),
});

export const MembershipHistoryQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMITS.membershipChanges.max)
    .default(LIMITS.membershipChanges.default)
    .meta({ description: "how many of its latest changes to return, newest first" }),
});

export const ExplainQuery = z.strictObject({
  segment: z.string().min(1).max(LIMITS.idLength).meta({ description: "segment id" }),
  now: Instant.optional().meta({ description: "evaluate as of this instant (default: the current time)" }),
});

export const LiveQuery = z.strictObject({
  now: Instant.optional().meta({ description: "evaluate as of this instant (default: the current time)" }),
});
