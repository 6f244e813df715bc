/** Stored segments → response bodies: instants as ISO strings, `_id` as `id`. */
import type { SegmentResponse } from "@segflow/api-contract";
import type { SegmentDoc } from "@segflow/store";

const iso = (d: Date) => d.toISOString();

export function segmentView(doc: SegmentDoc): SegmentResponse {
  return {
    id: doc._id,
    name: doc.name,
    definition: doc.definition,
    streaming: doc.streaming,
    schedule: doc.schedule ?? null,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}
