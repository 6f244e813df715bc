/**
 * The streaming wake-ups a batch shard schedules (ARCHITECTURE.md, "Streaming evaluation"): for
 * each profile it evaluates, the instant at which its streaming memberships may next change with
 * time alone, as of the run's `now`. Without them a profile that was loaded or seeded straight
 * into the store would wait for its next event, or the next run, to leave a window that closed.
 */
import type { ShardOptions, StreamingSet } from "@segflow/evaluation";
import type { Producer, ProfileWake } from "@segflow/queues";

export interface ShardWakes {
  /** evaluateShard's per-profile hook; undefined when no segment streams (nothing to compute). */
  onProfile: ShardOptions["onProfile"];
  /** Schedules the wake-ups still collected; answers how many the shard scheduled in all. */
  flush(): Promise<number>;
}

/**
 * Collects wake-ups and schedules them `batch` at a time, one bulk add in flight while the shard
 * goes on (as its membership writes do). Instants already past when the profile is evaluated are
 * skipped: a run with a past `now` would otherwise wake nearly every profile at once.
 */
export function shardWakes(producer: Producer, set: StreamingSet, runNow: Date, batch = 1000): ShardWakes {
  if (set.targets.length === 0) return { onProfile: undefined, flush: async () => 0 };
  const nowMs = runNow.getTime();
  let pending: ProfileWake[] = [];
  let scheduled = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const send = async () => {
    await inFlight;
    if (pending.length === 0) return;
    const wakes = pending;
    pending = [];
    scheduled += wakes.length;
    inFlight = producer.scheduleWakes(wakes);
    // A failed add fails the shard at the next send or the flush, never unobserved.
    inFlight.catch(() => undefined);
  };
  return {
    onProfile: (profile, profileId) => {
      let at: number | undefined;
      try {
        at = set.nextChange(profile, nowMs);
      } catch {
        // A segment that cannot be evaluated on this profile: the run reports it (evaluateShard);
        // the profile gets no wake-up, and its next event or run evaluates it again.
        return;
      }
      if (at === undefined || at <= Date.now()) return;
      pending.push({ profileId, at: new Date(at) });
      if (pending.length >= batch) return send();
    },
    flush: async () => {
      await send();
      await inFlight;
      return scheduled;
    },
  };
}
