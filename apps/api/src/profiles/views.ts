/** Stored profiles (their latest events, their membership changes) → response bodies: instants as ISO strings, `_id` as `id`. */
import type { MembershipHistoryResponse, ProfileResponse } from "@segflow/api-contract";
import type { MembershipChangeDoc, ProfileDoc, StoredEvent } from "@segflow/store";

const iso = (d: Date) => d.toISOString();

export function profileView(doc: ProfileDoc, events?: StoredEvent[]): ProfileResponse {
  const membership = Object.entries(doc.segmentMembership ?? {});
  return {
    id: doc._id,
    attributes: doc.attributes ?? {},
    scores: doc.scores ?? {},
    segmentMembership: Object.fromEntries(
      membership.map(([segId, m]) => [
        segId,
        {
          status: m.status,
          lastQualificationTime: iso(m.lastQualificationTime),
          runId: m.runId,
          // Entries written before streaming existed were all written by batch runs.
          source: m.source ?? "batch",
        },
      ]),
    ),
    segments: membership.filter(([, m]) => m.status !== "exited").map(([segId]) => segId),
    ...(events && {
      events: events.map((e) => ({
        type: e.type,
        timestamp: iso(e.timestamp),
        properties: e.properties ?? {},
      })),
    }),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function membershipHistoryView(
  profileId: string,
  changes: MembershipChangeDoc[],
): MembershipHistoryResponse {
  return {
    profileId,
    changes: changes.map((c) => ({
      segmentId: c.segmentId,
      status: c.status,
      at: iso(c.at),
      runId: c.runId,
      source: c.source,
    })),
  };
}
