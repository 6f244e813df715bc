/**
 * Scheduled evaluations as BullMQ job schedulers on the runs queue: one per scheduled segment
 * (`segment-<id>`) and one for a run of every segment (`all-segments`). Each fires a
 * `scheduledRun` job that a worker turns into a run.
 */
import { JOBS, type Producer } from "@segflow/queues";
import type { z } from "zod";
import type { ScheduleResponse } from "../http/schemas.js";
import { redisCall } from "../http/timeout.js";

export const ALL_SEGMENTS_SCHEDULER = "all-segments";

export const segmentSchedulerId = (segmentId: string) => `segment-${segmentId}`;

type Schedule = z.infer<typeof ScheduleResponse>;

/** Creates, replaces or (with a null pattern) removes one scheduler. */
async function setScheduler(
  producer: Producer,
  id: string,
  pattern: string | null,
  data: { segmentIds?: string[] },
): Promise<void> {
  const queue = producer.queues.runs;
  const change: Promise<unknown> =
    pattern === null
      ? queue.removeJobScheduler(id)
      : queue.upsertJobScheduler(
          id,
          { pattern },
          { name: JOBS.scheduledRun.name, data, opts: JOBS.scheduledRun.options },
        );
  await redisCall(change, `scheduler ${id}`);
}

export function setSegmentSchedule(producer: Producer, segmentId: string, pattern: string | null) {
  return setScheduler(producer, segmentSchedulerId(segmentId), pattern, { segmentIds: [segmentId] });
}

export function setAllSegmentsSchedule(producer: Producer, pattern: string | null) {
  return setScheduler(producer, ALL_SEGMENTS_SCHEDULER, pattern, {});
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
