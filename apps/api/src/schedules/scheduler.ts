/**
 * Scheduled evaluations as BullMQ job schedulers on the runs queue: one per scheduled segment
 * (`segment-<id>`) and one for a run of every segment (`all-segments`). Each fires a
 * `scheduledRun` job that a worker turns into a run.
 */
import type { ScheduleResponse } from "@segflow/api-contract";
import { type Producer, schedulerIds } from "@segflow/queues";
import { redisCall } from "../http/timeout.js";

export const ALL_SEGMENTS_SCHEDULER = schedulerIds.allSegments;

export const segmentSchedulerId = schedulerIds.segment;

type Schedule = ScheduleResponse;

/** Creates, replaces or (with a null pattern) removes a segment's scheduler. */
export async function setSegmentSchedule(producer: Producer, segmentId: string, pattern: string | null) {
  const id = schedulerIds.segment(segmentId);
  const payload = { segmentIds: [segmentId] };
  await redisCall(producer.setSchedule({ id, key: "scheduledRun", pattern, payload }), `scheduler ${id}`);
}

/** Creates, replaces or (with a null pattern) removes the scheduler of a run of every segment. */
export async function setAllSegmentsSchedule(producer: Producer, pattern: string | null) {
  const id = schedulerIds.allSegments;
  await redisCall(producer.setSchedule({ id, key: "scheduledRun", pattern, payload: {} }), `scheduler ${id}`);
}

function scheduleView(s: {
  key: string;
  id?: string | null;
  pattern?: string;
  next?: number;
  template?: { data?: { segmentIds?: string[] } };
}): Schedule {
  return {
    id: s.id ?? s.key,
    pattern: s.pattern ?? null,
    next: s.next ? new Date(s.next).toISOString() : null,
    segmentIds: s.template?.data?.segmentIds ?? null,
  };
}

export async function listSchedules(producer: Producer): Promise<Schedule[]> {
  const all = await redisCall(producer.queues.runs.getJobSchedulers(0, -1, true), "schedulers");
  return all.map(scheduleView);
}

export async function getSchedule(producer: Producer, id: string): Promise<Schedule | null> {
  const s = await redisCall(producer.queues.runs.getJobScheduler(id), `scheduler ${id}`);
  return s ? scheduleView(s) : null;
}
