import { expect, test } from "vitest";
import type { Run } from "../../api/evaluations.js";
import { sizeHistories } from "./sizes.js";

const run = (id: string, finishedAt: string, status: Run["status"], counts: Record<string, number>): Run => ({
  id,
  status,
  segmentIds: Object.keys(counts),
  now: finishedAt,
  progress: {
    shardsDone: 1,
    shardsTotal: 1,
    profilesDone: 1,
    profilesTotal: 1,
    profilesPerSecond: 1,
    etaSeconds: 0,
  },
  counts: Object.fromEntries(
    Object.entries(counts).map(([k, total]) => [k, { realized: 0, existing: total, exited: 0, total }]),
  ),
  idempotencyKey: null,
  createdAt: finishedAt,
  startedAt: finishedAt,
  finishedAt,
  error: null,
  errors: [],
  errorCount: 0,
});

test("completed runs only, oldest first, per segment", () => {
  const runs = [
    run("r3", "2026-11-03T00:00:00Z", "completed", { a: 30 }),
    run("r4", "2026-11-04T00:00:00Z", "running", { a: 99, b: 1 }),
    run("r1", "2026-11-01T00:00:00Z", "completed", { a: 10, b: 5 }),
    run("r2", "2026-11-02T00:00:00Z", "failed", { a: 20 }),
  ];
  const h = sizeHistories(runs);
  expect(h.get("a")?.map((p) => [p.runId, p.size])).toEqual([
    ["r1", 10],
    ["r3", 30],
  ]);
  expect(h.get("b")?.map((p) => p.size)).toEqual([5]);
  expect(h.get("c")).toBeUndefined();
});
