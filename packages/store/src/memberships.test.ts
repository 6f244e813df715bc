import { describe, expect, it } from "vitest";
import type { MembershipEntry } from "./documents.js";
import { membershipTransition } from "./memberships.js";

const now = new Date("2026-11-29T12:00:00Z");
const earlier = new Date("2026-11-01T00:00:00Z");
const entry = (status: MembershipEntry["status"], runId = "r0"): MembershipEntry => ({
  status,
  lastQualificationTime: earlier,
  runId,
});

describe("membershipTransition", () => {
  it.each([
    ["no entry, qualifies", undefined, true, "realized", "realized"],
    ["no entry, does not qualify", undefined, false, null, null],
    ["exited before, qualifies again", entry("exited"), true, "realized", "realized"],
    ["exited before, still out", entry("exited"), false, null, null],
    ["realized before, still in", entry("realized"), true, "existing", "existing"],
    ["existing before, still in: nothing to write", entry("existing"), true, null, "existing"],
    ["realized before, now out", entry("realized"), false, "exited", "exited"],
    ["existing before, now out", entry("existing"), false, "exited", "exited"],
  ] as const)("%s", (_, previous, qualifies, written, counted) => {
    const t = membershipTransition(previous, qualifies, "r1", now);
    expect(t.write?.status ?? null).toBe(written);
    expect(t.counted).toBe(counted);
    if (t.write) expect(t.write.runId).toBe("r1");
  });

  it("keeps the time a profile entered while it stays in", () => {
    expect(membershipTransition(entry("realized"), true, "r1", now).write?.lastQualificationTime).toEqual(
      earlier,
    );
    expect(membershipTransition(undefined, true, "r1", now).write?.lastQualificationTime).toEqual(now);
  });

  it.each([
    ["realized", true],
    ["existing", true],
    ["exited", false],
  ] as const)("a repeated shard finds its own %s entry and writes nothing", (status, qualifies) => {
    const t = membershipTransition(entry(status, "r1"), qualifies, "r1", now);
    expect(t).toEqual({ write: undefined, counted: status });
  });
});
