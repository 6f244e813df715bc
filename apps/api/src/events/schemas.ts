/** Request shapes of `/v1/events` (answers: @segflow/api-contract's events). */
import { z } from "zod";
import { Instant, LIMITS, ProfileId, request, StorableObject, WellFormed } from "../http/schemas.js";

export const EventInput = request(
  "EventInput",
  z.strictObject({
    profileId: ProfileId,
    type: z.string().min(1).max(256).refine(WellFormed, "not well-formed Unicode (a lone surrogate)"),
    timestamp: Instant,
    properties: StorableObject.optional(),
  }),
);

export const InsertEventsBody = request(
  "InsertEventsRequest",
  z.strictObject({ events: z.array(EventInput).min(1).max(LIMITS.eventsPerRequest) }),
);
