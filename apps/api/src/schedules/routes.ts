/** Scheduled evaluations: the list of job schedulers, and the one that runs every segment. */
import { ScheduleAllResponse, ScheduleListResponse } from "@segflow/api-contract";
import { defineRoute } from "../http/route.js";
import { ALL_SEGMENTS_SCHEDULER, getSchedule, listSchedules, setAllSegmentsSchedule } from "./scheduler.js";
import { ScheduleAllBody } from "./schemas.js";

export const scheduleRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/schedules",
    scope: "admin",
    tag: "schedules",
    summary: "Scheduled evaluations",
    responses: { 200: ["schedulers", ScheduleListResponse] },
    async handle(_input, { producer }, res) {
      res.json({ schedules: await listSchedules(producer) });
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/schedules/all",
    scope: "admin",
    tag: "schedules",
    summary: "Set (or clear, with null) the schedule of a run of every segment",
    body: ScheduleAllBody,
    responses: { 200: ["the schedule", ScheduleAllResponse], 400: "invalid cron pattern" },
    async handle({ body: { schedule } }, { producer }, res) {
      await setAllSegmentsSchedule(producer, schedule);
      res.json({ id: ALL_SEGMENTS_SCHEDULER, schedule: await getSchedule(producer, ALL_SEGMENTS_SCHEDULER) });
    },
  }),
];
