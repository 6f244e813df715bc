/**
 * Scheduled evaluations as BullMQ job schedulers on the runs queue: one per scheduled segment
 * (`segment-<id>`) and one for a run of every segment (`all-segments`). Each fires a
 * `scheduledRun` job that a worker turns into a run.
 */
import { JOBS, type Producer } from "@segflow/queues";
import type { z } from "zod";
import type { ScheduleResponse } from "./schemas.js";

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
  if (pattern === null) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(
    id,
    { pattern },
    { name: JOBS.scheduledRun.name, data, opts: JOBS.scheduledRun.options },
  );
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
  const all = await producer.queues.runs.getJobSchedulers(0, -1, true);
  return all.map(scheduleView);
}

export async function getSchedule(producer: Producer, id: string): Promise<Schedule | null> {
  const s = await producer.queues.runs.getJobScheduler(id);
  return s ? scheduleView(s) : null;
}
