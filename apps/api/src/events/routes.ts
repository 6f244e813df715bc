/** Events: stored in bulk; the touched profiles are handed to the streaming seam (`onEvents`). */
import { insertEvents } from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { parseBody } from "../http/input.js";
import { InsertEventsBody } from "../http/schemas.js";
import { refusedBeforeWriting, rejectedItems } from "../http/write-outcome.js";

export function eventRoutes({ store, onEvents }: AppDeps): Router {
  const router = Router();

  router.post("/v1/events", async (req, res) => {
    const { events } = parseBody(InsertEventsBody, req);
    const outcome = await insertEvents(store, events).catch((error) => {
      throw refusedBeforeWriting("events", error);
    });
    const rejected = rejectedItems("events", events.length, outcome.rejected);
    if (onEvents) {
      const refused = new Set(rejected.map((r) => r.index));
      await onEvents([...new Set(events.filter((_, i) => !refused.has(i)).map((e) => e.profileId))]);
    }
    res.status(202).json({ accepted: outcome.inserted, rejected });
  });

  return router;
}
