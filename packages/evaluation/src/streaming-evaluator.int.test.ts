/**
 * The streaming evaluation of one profile against a real store: the batch run's transitions,
 * marked streaming; the segments reading a streaming one are written too, the others are not;
 * a retry after a crash records nothing twice; a write that raced another is refused.
 */
import {
  createSegment,
  getProfile,
  insertEvents,
  MembershipConflictError,
  openStore,
  recordMembershipChanges,
  type SegmentDoc,
  type Store,
  upsertProfiles,
} from "@segflow/store";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { evaluateProfile, StreamingEvaluator, streamingEvaluationId, streamingSet } from "./index.js";

let store: Store;
const t0 = new Date("2026-12-01T12:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const SEGMENTS = [
  { id: "buyer", definition: 'exists(events where type = "buy")', streaming: true },
  { id: "vip-buyer", definition: 'inSegment("buyer") and tier = "vip"', streaming: false },
  { id: "vip", definition: 'tier = "vip"', streaming: false },
];

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("streaming")));
  for (const s of SEGMENTS) await createSegment(store, { ...s, name: s.id });
});

afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

async function segments(): Promise<SegmentDoc[]> {
  return store.segments.find().toArray();
}

describe("evaluateProfile", () => {
  it("writes streaming segments and their dependents, with the batch run's statuses", async () => {
    const set = streamingSet(await segments());
    expect([...set.targets].sort()).toEqual(["buyer", "vip-buyer"]);
    await upsertProfiles(store, [{ id: "p1", attributes: { tier: "vip" } }]);

    const none = await evaluateProfile(store, set, "p1", at(0));
    expect(none).toMatchObject({ found: true, changes: [], written: [] });

    await insertEvents(store, [{ profileId: "p1", type: "buy", timestamp: at(1) }]);
    const entered = await evaluateProfile(store, set, "p1", at(2));
    expect(entered.changes.map((c) => [c._id, c.segmentId, c.status, c.source])).toEqual([
      [`${streamingEvaluationId(at(2))}:buyer:p1`, "buyer", "realized", "streaming"],
      [`${streamingEvaluationId(at(2))}:vip-buyer:p1`, "vip-buyer", "realized", "streaming"],
    ]);
    const doc = await getProfile(store, "p1");
    expect(doc?.segmentMembership?.buyer).toEqual({
      status: "realized",
      lastQualificationTime: at(2),
      runId: streamingEvaluationId(at(2)),
      source: "streaming",
    });
    // `vip` is not streaming and reads no streaming segment: left to batch runs.
    expect(doc?.segmentMembership?.vip).toBeUndefined();

    // Still in: realized becomes existing, which is no change (nothing recorded).
    const still = await evaluateProfile(store, set, "p1", at(3));
    expect(still.changes).toEqual([]);
    expect(still.written.sort()).toEqual(["buyer", "vip-buyer"]);
    expect((await getProfile(store, "p1"))?.segmentMembership?.buyer?.status).toBe("existing");
    expect((await evaluateProfile(store, set, "p1", at(4))).written).toEqual([]);

    // Events later than now do not exist yet: evaluated before the purchase, the profile exits.
    const before = await evaluateProfile(store, set, "p1", at(0.5));
    expect(before.changes.map((c) => [c.segmentId, c.status])).toEqual([
      ["buyer", "exited"],
      ["vip-buyer", "exited"],
    ]);
    const history = await store.membershipChanges.countDocuments({ profileId: "p1" });
    expect(history).toBe(4);
  });

  it("answers not found for an unknown profile and writes nothing", async () => {
    const set = streamingSet(await segments());
    expect(await evaluateProfile(store, set, "nobody", at(0))).toEqual({
      found: false,
      changes: [],
      written: [],
      nextChangeAt: undefined,
    });
    expect(await getProfile(store, "nobody")).toBeNull();
  });

  it("a retry at the same instant after a crash between history and memberships records nothing twice", async () => {
    const set = streamingSet(await segments());
    await upsertProfiles(store, [{ id: "p2", attributes: {} }]);
    await insertEvents(store, [{ profileId: "p2", type: "buy", timestamp: at(1) }]);
    // The first attempt recorded its change, then died before writing the membership.
    const crashed = new Error("killed");
    await expect(
      evaluateProfile(store, set, "p2", at(2), {
        beforeWrite: async () => {
          await recordMembershipChanges(store, [
            {
              _id: `${streamingEvaluationId(at(2))}:buyer:p2`,
              profileId: "p2",
              segmentId: "buyer",
              status: "realized",
              at: at(2),
              runId: streamingEvaluationId(at(2)),
              source: "streaming",
            },
          ]);
          throw crashed;
        },
      }),
    ).rejects.toBe(crashed);
    expect((await getProfile(store, "p2"))?.segmentMembership).toBeUndefined();

    const retry = await evaluateProfile(store, set, "p2", at(2));
    expect(retry.written).toEqual(["buyer"]);
    expect(await store.membershipChanges.countDocuments({ profileId: "p2" })).toBe(1);
    expect((await getProfile(store, "p2"))?.segmentMembership?.buyer?.status).toBe("realized");
  });

  it("refuses to write over memberships that changed since it read them", async () => {
    const set = streamingSet(await segments());
    await upsertProfiles(store, [{ id: "p3", attributes: {} }]);
    await insertEvents(store, [{ profileId: "p3", type: "buy", timestamp: at(1) }]);
    const racing = {
      status: "realized" as const,
      lastQualificationTime: at(2),
      runId: "run-x",
      source: "batch" as const,
    };
    await expect(
      evaluateProfile(store, set, "p3", at(3), {
        // A batch shard writes the profile between this evaluation's read and its write.
        beforeWrite: () =>
          store.profiles.updateOne({ _id: "p3" }, { $set: { "segmentMembership.buyer": racing } }),
      }),
    ).rejects.toBeInstanceOf(MembershipConflictError);
    expect((await getProfile(store, "p3"))?.segmentMembership?.buyer).toEqual(racing);
  });

  it("one evaluator, many profiles at once: each gets its own result; a race fails only its own", async () => {
    const set = streamingSet(await segments());
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await upsertProfiles(
      store,
      ids.map((id, i) => ({ id, attributes: { tier: i % 2 === 0 ? "vip" : "basic" } })),
    );
    await insertEvents(
      store,
      ids.filter((_, i) => i % 4 < 2).map((profileId) => ({ profileId, type: "buy", timestamp: at(1) })),
    );
    const evaluator = new StreamingEvaluator(store, { maxBatch: 16 });
    const results = await Promise.allSettled(
      ids.map((id) =>
        evaluator.evaluate(set, id, at(2), {
          // m5 is written by someone else between its read and its write.
          beforeWrite:
            id === "m5"
              ? () =>
                  store.profiles.updateOne({ _id: "m5" }, { $set: { "segmentMembership.buyer.runId": "x" } })
              : undefined,
        }),
      ),
    );
    ids.forEach((id, i) => {
      const result = results[i]!;
      if (id === "m5") {
        expect(result.status === "rejected" && result.reason).toBeInstanceOf(MembershipConflictError);
        return;
      }
      const buyer = i % 4 < 2;
      const vip = i % 2 === 0;
      const expected = [buyer && "buyer", buyer && vip && "vip-buyer"].filter(Boolean);
      expect(result.status === "fulfilled" && result.value.changes.map((c) => c.segmentId), id).toEqual(
        expected,
      );
    });
    const written = await store.profiles.find({ _id: { $in: ids } }).toArray();
    for (const doc of written) {
      const i = ids.indexOf(doc._id);
      if (doc._id === "m5") continue;
      expect(doc.segmentMembership?.buyer?.status === "realized", doc._id).toBe(i % 4 < 2);
    }
  });

  it("leaves out a streaming segment that reads a broken definition, and says so", () => {
    const set = streamingSet([
      { _id: "ok", name: "ok", definition: "n > 1", streaming: true } as SegmentDoc,
      { _id: "bad", name: "bad", definition: "n >", streaming: false } as SegmentDoc,
      { _id: "reads-bad", name: "r", definition: 'inSegment("bad")', streaming: true } as SegmentDoc,
    ]);
    expect(set.targets).toEqual(["ok"]);
    expect(set.unusable).toEqual(["reads-bad"]);
  });
});
