import type { DestinationDoc, MembershipChangeDoc } from "@segflow/store";
import { describe, expect, it } from "vitest";
import { deliveryBody } from "./delivery-body.js";
import { deliveriesOf } from "./publish.js";

const at = new Date("2026-12-01T00:00:00Z");
const created = new Date("2026-12-02T00:00:00Z");
const change = (segmentId: string, profileId: string): MembershipChangeDoc => ({
  _id: `run-1:${segmentId}:${profileId}`,
  profileId,
  segmentId,
  status: "realized",
  at,
  runId: "run-1",
  source: "batch",
});
const destination = (id: string, segments: string[] | null): DestinationDoc => ({
  _id: id,
  url: "http://127.0.0.1:1/",
  secret: "s",
  segments,
  createdAt: at,
  updatedAt: at,
});

describe("deliveriesOf", () => {
  const changes = [change("gold", "a"), change("lapsed", "a"), change("gold", "b")];

  it("gives each destination the changes of its segments, none when it receives none", () => {
    const out = deliveriesOf(
      "b1",
      changes,
      [destination("all", null), destination("lapsed-only", ["lapsed"]), destination("none", ["other"])],
      created,
    );
    expect(out.map((d) => [d._id, d.changes.map((c) => c.id), d.changeCount])).toEqual([
      ["all-b1", ["run-1:gold:a", "run-1:lapsed:a", "run-1:gold:b"], 3],
      ["lapsed-only-b1", ["run-1:lapsed:a"], 1],
    ]);
    expect(out[1]).toMatchObject({ status: "pending", attempts: 0, replays: 0, createdAt: created });
  });

  it("the body carries each change with its stable id, and no outbox field", () => {
    const [delivery] = deliveriesOf("b1", changes.slice(0, 1), [destination("all", null)], created);
    expect(JSON.parse(deliveryBody(delivery!))).toEqual({
      deliveryId: "all-b1",
      changes: [
        {
          id: "run-1:gold:a",
          profileId: "a",
          segmentId: "gold",
          status: "realized",
          at: "2026-12-01T00:00:00.000Z",
          source: "batch",
          runId: "run-1",
        },
      ],
    });
  });
});
