/** Events: stored in bulk; the profiles they touched are handed to streaming evaluation (`onProfilesChanged`). */
import { AcceptedEventsResponse } from "@segflow/api-contract";
import { insertEvents } from "@segflow/store";
import { defineRoute } from "../http/route.js";
import { queueEvaluations } from "../http/timeout.js";
import { BULK_WRITE_OUTCOME, refusedBeforeWriting, rejectedItems } from "../http/write-outcome.js";
import { InsertEventsBody } from "./schemas.js";

export const eventRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/events",
    scope: "write",
    tag: "events",
    summary: "Append events (1..5000)",
    description:
      `${BULK_WRITE_OUTCOME("events")} ` +
      "The profiles of the stored events are then queued for streaming evaluation: their streaming " +
      "segments (`streaming: true`, and those reading them through `inSegment`) are re-evaluated " +
      "by a worker within moments, requests for one profile coalesced; the changes are recorded with " +
      '`source: "streaming"` and published to the destinations. The events are stored first, so none ' +
      "is lost while no worker runs.",
    body: InsertEventsBody,
    responses: {
      202: ["stored, except those listed in rejected", AcceptedEventsResponse],
      400: "invalid input or an event too large to store (each named); nothing was written",
      422: "the database refused every event (details.rejected); nothing was written",
      503: "the database cannot be reached (Retry-After; some events may have been stored), or Redis cannot queue their evaluation (all accepted events stored: do not resend)",
    },
    async handle({ body: { events } }, { store, onProfilesChanged }, res) {
      const outcome = await insertEvents(store, events).catch((error) => {
        throw refusedBeforeWriting("events", error);
      });
      const rejected = rejectedItems("events", events.length, outcome.rejected);
      if (onProfilesChanged) {
        // Stored first, queued second: with no worker running, nothing is lost but time.
        const refused = new Set(rejected.map((r) => r.index));
        await queueEvaluations(
          onProfilesChanged([...new Set(events.filter((_, i) => !refused.has(i)).map((e) => e.profileId))]),
          // Events have no id: a resend would store them twice (SECURITY.md, "Redis restarted during a run").
          `${outcome.inserted} events are stored (sending them again would store them twice)`,
          { accepted: outcome.inserted, rejected },
        );
      }
      res.status(202).json({ accepted: outcome.inserted, rejected });
    },
  }),
];
