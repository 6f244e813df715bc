/**
 * Every stored segment, compiled once and kept by a process that answers live lookups, and
 * compiled again only when the stored set changes.
 *
 * How a change is noticed, from any API replica: each check reads the `(_id, updatedAt)` pairs
 * of the segments collection (its `_id` index, a few dozen bytes a segment) and compares them
 * with those of the compiled set. Creating, changing or deleting a segment changes the list
 * whichever replica did it. A single watermark (the greatest `updatedAt`, plus the count) would
 * be cheaper still but misses a change written by a replica whose clock runs behind (an older
 * `updatedAt` than the greatest) and a delete followed by a create between two checks; hashing
 * the definitions themselves would read every definition (up to 64 KB each) on every check.
 * The local server has no change streams (ARCHITECTURE.md, "MongoDB and the local server"), so
 * nothing can be pushed: the list is read at most once per `ttlMs`, and a change made anywhere
 * is seen by the next lookup after that. Concurrent lookups share one check and one compile.
 */
import { type CompiledSegments, checkSegments, compileSegments } from "@segflow/segment-language";
import { listSegments, type SegmentDoc, type Store, segmentStamps } from "@segflow/store";

/** How long a check of the stored set is trusted, unless the caller says otherwise. */
export const LIVE_SEGMENTS_TTL_MS = 1000;

export interface LiveSegmentSet {
  /** The segments compiled, in id order (what `compiled.evaluate` answers for). */
  readonly ids: readonly string[];
  readonly compiled: CompiledSegments;
  /**
   * Stored segments left out because their definition (or one they read) does not check: the
   * API checks every definition before storing it, so only a database written by other means has any.
   */
  readonly unevaluable: readonly string[];
  /** Compilations so far in this cache, this one included (tests read it). */
  readonly generation: number;
}

export interface LiveSegmentsOptions {
  /** @defaultValue {@link LIVE_SEGMENTS_TTL_MS} */
  ttlMs?: number;
  /** Milliseconds since some origin, for tests. @defaultValue performance.now */
  clock?: () => number;
}

type Stamp = Pick<SegmentDoc, "_id" | "updatedAt">;

/** The stored set's identity: every id with its last change, in id order. */
const fingerprint = (docs: readonly Stamp[]) =>
  docs.map((d) => `${d._id}@${d.updatedAt instanceof Date ? d.updatedAt.getTime() : d.updatedAt}`).join("\n");

export class LiveSegments {
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private set: (LiveSegmentSet & { fingerprint: string }) | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<LiveSegmentSet> | undefined;
  private generation = 0;

  constructor(
    private readonly store: Store,
    options: LiveSegmentsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? LIVE_SEGMENTS_TTL_MS;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The compiled set of the segments as stored at most `ttlMs` ago. */
  current(): Promise<LiveSegmentSet> {
    if (this.set && this.clock() - this.checkedAt < this.ttlMs) return Promise.resolve(this.set);
    // A failed check is not remembered: the next lookup tries again.
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<LiveSegmentSet> {
    const startedAt = this.clock();
    const stamps = await segmentStamps(this.store);
    if (this.set?.fingerprint !== fingerprint(stamps)) {
      // The definitions read now may be newer than the stamps: the set records its own.
      const docs = await listSegments(this.store);
      const checked = checkSegments(docs.map((d) => ({ id: d._id, definition: d.definition })));
      const compiledIds = new Set(checked.segments.map((s) => s.id));
      this.set = {
        // Segments that do not check are left out, with those that read them (CheckResult.segments).
        compiled: compileSegments({ ...checked, errors: [] }),
        ids: checked.segments.map((s) => s.id),
        unevaluable: docs.map((d) => d._id).filter((id) => !compiledIds.has(id)),
        generation: ++this.generation,
        fingerprint: fingerprint(docs),
      };
    }
    this.checkedAt = startedAt;
    return this.set;
  }
}
