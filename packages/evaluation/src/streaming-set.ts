/**
 * Which segments the streaming evaluation writes (ARCHITECTURE.md, "Streaming evaluation"): those
 * with `streaming: true` and, transitively, every segment that reads one of them through
 * `inSegment` (its membership can change when theirs does). The set is compiled once with the
 * segments those read, and reused for every profile until the stored segments change.
 */
import {
  type CheckResult,
  type CompiledSegments,
  checkSegments,
  compileSegments,
  nextChangeInstant,
  type Profile,
  selectSegments,
} from "@segflow/segment-language";
import { listSegments, type SegmentDoc, type Store } from "@segflow/store";

export interface StreamingSet {
  /** The segments a streaming evaluation writes, in the compiled set's order. */
  targets: readonly string[];
  /** Streaming segments (or their dependents) left out because a definition they need does not check. */
  unusable: readonly string[];
  checked: CheckResult;
  compiled: CompiledSegments;
  /**
   * The earliest instant (ms) after `nowMs` at which a target's membership may change for this
   * profile with time alone, or undefined (segment-language's time analysis).
   */
  nextChange(profile: Profile, nowMs: number): number | undefined;
}

export function streamingSet(segments: readonly SegmentDoc[]): StreamingSet {
  const all = checkSegments(segments.map((s) => ({ id: s._id, definition: s.definition })));
  const wanted = new Set(segments.filter((s) => s.streaming).map((s) => s._id));
  // Dependents, to a fixed point: a segment reading a dependent of a streaming one is one too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of all.definitions) {
      if (!wanted.has(d.id) && d.dependsOn.some((id) => wanted.has(id))) {
        wanted.add(d.id);
        grew = true;
      }
    }
  }
  const valid = new Set(all.segments.map((s) => s.id));
  const targets = all.evaluationOrder.filter((id) => wanted.has(id) && valid.has(id));
  const checked = selectSegments(all, targets);
  const compiled = compileSegments(checked);
  const written = compiled.ids.filter((id) => wanted.has(id));
  return {
    targets: written,
    unusable: [...wanted].filter((id) => !valid.has(id)),
    checked,
    compiled,
    nextChange: (profile, nowMs) => nextChangeInstant(checked, profile, nowMs, written),
  };
}

/** What identifies a set: any change to an id, a definition or a streaming flag changes it. */
function fingerprint(segments: readonly SegmentDoc[]): string {
  return JSON.stringify(
    segments.map((s) => [s._id, s.definition, s.streaming]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );
}

/**
 * The streaming set of the stored segments, reread at most every `maxAgeMs` and recompiled only
 * when they changed. Segments are changed through any API replica, so each worker rereads them:
 * a change reaches streaming evaluations within `maxAgeMs` (one small read a second per worker
 * instead of one per evaluated profile).
 */
export class StreamingSetCache {
  private current: { key: string; set: StreamingSet; readAt: number } | undefined;
  private loading: Promise<StreamingSet> | undefined;

  constructor(
    private readonly store: Store,
    /** @defaultValue 1000 */
    private readonly maxAgeMs = 1000,
  ) {}

  get(): Promise<StreamingSet> {
    if (this.current && Date.now() - this.current.readAt < this.maxAgeMs) {
      return Promise.resolve(this.current.set);
    }
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<StreamingSet> {
    const segments = await listSegments(this.store);
    const key = fingerprint(segments);
    const set = this.current?.key === key ? this.current.set : streamingSet(segments);
    this.current = { key, set, readAt: Date.now() };
    return set;
  }
}
