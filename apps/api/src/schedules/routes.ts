/** Scheduled evaluations: the list of job schedulers, and the one that runs every segment. */
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { parseBody } from "../http/input.js";
import { ScheduleAllBody } from "../http/schemas.js";
import { ALL_SEGMENTS_SCHEDULER, getSchedule, listSchedules, setAllSegmentsSchedule } from "./scheduler.js";

export function scheduleRoutes({ producer }: AppDeps): Router {
  const router = Router();

  router.get("/v1/schedules", async (_req, res) => {
    res.json({ schedules: await listSchedules(producer) });
  });

  router.put("/v1/schedules/all", async (req, res) => {
    const { schedule } = parseBody(ScheduleAllBody, req);
    await setAllSegmentsSchedule(producer, schedule);
    res.json({ id: ALL_SEGMENTS_SCHEDULER, schedule: await getSchedule(producer, ALL_SEGMENTS_SCHEDULER) });
  });

  return router;
}
