/**
 * Per-profile evaluation state. One context is reused for every profile a compiled set
 * evaluates (`reset`), so the hot loop allocates little. Events are decoded once per profile:
 * events later than `now` or without a valid timestamp are dropped here and never seen again.
 */
import { parseInstant } from "../instant.js";
import type { Profile } from "../profile.js";
import { instantMs, isObject } from "../values.js";

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export class EvalContext {
  profile!: Profile;
  nowMs = 0;
  attributes: unknown;
  scores: unknown;

  /** Existing events, in stored order. */
  eventCount = 0;
  eventTypes: (string | undefined)[] = [];
  eventTimes: number[] = [];
  eventProps: Record<string, unknown>[] = [];
  /** The event an event filter is looking at. */
  event = 0;
  private decoded = false;

  /** Event-set results, by slot; `slotReady[i]` marks slots computed for this profile. */
  slots: unknown[];
  slotReady: Uint8Array;
  /** Segment results for this profile: 0 unknown, 1 false, 2 true. */
  segmentState: Uint8Array;

  constructor(slotCount: number, segmentCount: number) {
    this.slots = new Array<unknown>(slotCount).fill(undefined);
    this.slotReady = new Uint8Array(slotCount);
    this.segmentState = new Uint8Array(segmentCount);
  }

  reset(profile: Profile, nowMs: number): void {
    this.profile = profile;
    this.nowMs = nowMs;
    this.attributes = profile.attributes ?? undefined;
    this.scores = profile.scores ?? undefined;
    this.decoded = false;
    this.slotReady.fill(0);
    this.segmentState.fill(0);
  }

  /** Decodes the profile's events on first use. */
  events(): number {
    if (this.decoded) return this.eventCount;
    this.decoded = true;
    const events = this.profile.events;
    let n = 0;
    if (Array.isArray(events)) {
      for (const e of events) {
        if (!isObject(e)) continue;
        const raw = e.timestamp;
        const ms = typeof raw === "string" ? parseInstant(raw) : instantMs(raw);
        if (ms === undefined || ms > this.nowMs) continue;
        this.eventTypes[n] = typeof e.type === "string" ? e.type : undefined;
        this.eventTimes[n] = ms;
        this.eventProps[n] = isObject(e.properties) ? e.properties : EMPTY;
        n++;
      }
    }
    this.eventCount = n;
    return n;
  }
}
