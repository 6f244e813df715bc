import { describe, expect, it } from "vitest";
import type { MembershipChange } from "../../api/profiles.js";
import { bySegment } from "./history.js";

const change = (segmentId: string, status: "realized" | "exited", runId: string): MembershipChange => ({
  segmentId,
  status,
  at: "2026-11-01T00:00:00.000Z",
  runId,
  source: "batch",
});

describe("bySegment", () => {
  it("groups by segment, segments by id, keeping each segment's changes newest first", () => {
    const groups = bySegment([
      change("vip", "exited", "r3"),
      change("gold", "realized", "r2"),
      change("vip", "realized", "r1"),
    ]);
    expect(groups.map(([id, cs]) => [id, cs.map((c) => c.runId)])).toEqual([
      ["gold", ["r2"]],
      ["vip", ["r3", "r1"]],
    ]);
  });
});
