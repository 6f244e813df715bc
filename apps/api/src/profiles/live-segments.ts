/**
 * The API process keeps one compiled set of every stored segment per store, for live lookups
 * (`GET /v1/profiles/:id/live`): packages/evaluation's LiveSegments, which checks at most once a
 * second whether the stored set changed, through this replica or any other.
 */
import { LiveSegments } from "@segflow/evaluation";
import type { Store } from "@segflow/store";

const byStore = new WeakMap<Store, LiveSegments>();

export function liveSegmentsOf(store: Store): LiveSegments {
  let live = byStore.get(store);
  if (!live) {
    live = new LiveSegments(store);
    byStore.set(store, live);
  }
  return live;
}
