/**
 * A segment's size over time, from the runs `GET /v1/evaluations` lists (the latest 50): each
 * completed run that evaluated the segment gives its member count then (`counts[id].total`,
 * realized + existing). The current size is that of the latest such run.
 */
import type { Run } from "../../api/evaluations.js";

export interface SizePoint {
  runId: string;
  /** The run's evaluation instant. */
  at: string;
  size: number;
}

/** Per segment id, its sizes oldest first. */
export function sizeHistories(runs: Run[]): Map<string, SizePoint[]> {
  const completed = runs
    .filter((r) => r.status === "completed")
    .sort((a, b) => (a.finishedAt ?? a.createdAt).localeCompare(b.finishedAt ?? b.createdAt));
  const histories = new Map<string, SizePoint[]>();
  for (const run of completed) {
    for (const [id, counts] of Object.entries(run.counts)) {
      const list = histories.get(id) ?? [];
      list.push({ runId: run.id, at: run.now, size: counts.total });
      histories.set(id, list);
    }
  }
  return histories;
}
