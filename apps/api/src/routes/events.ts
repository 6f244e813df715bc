/** Events: stored in bulk; the touched profiles are handed to the streaming seam (`onEvents`). */
import { insertEvents } from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { parseBody } from "../input.js";
import { InsertEventsBody } from "../schemas.js";

export function eventRoutes({ store, onEvents }: AppDeps): Router {
  const router = Router();

  router.post("/v1/events", async (req, res) => {
    const { events } = parseBody(InsertEventsBody, req);
    const accepted = await insertEvents(store, events);
    if (onEvents) await onEvents([...new Set(events.map((e) => e.profileId))]);
    res.status(202).json({ accepted });
  });

  return router;
}
