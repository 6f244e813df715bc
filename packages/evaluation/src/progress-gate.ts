/**
 * When a long loop should report its progress: once at least `every` items and at least
 * `intervalMs` have passed since the last report, whichever comes later. A fast loop then
 * reports about once an interval (not once per `every` items, which could be many writes a
 * second), and a slow one every `every` items (not on every item).
 */
export interface ProgressGateOptions {
  /**
   * Items between reports, at least.
   * @defaultValue 500
   */
  every?: number;
  /**
   * Milliseconds between reports, at least.
   * @defaultValue 1000
   */
  intervalMs?: number;
  /** Milliseconds since some fixed point; tests pass their own. */
  clock?: () => number;
}

/** Returns `due(count)`: true when a report of `count` items should be made now. */
export function progressGate(options: ProgressGateOptions = {}): (count: number) => boolean {
  const every = options.every ?? 500;
  const intervalMs = options.intervalMs ?? 1000;
  const clock = options.clock ?? Date.now;
  let lastCount = 0;
  let lastAt = clock();
  return (count) => {
    if (count - lastCount < every) return false;
    const at = clock();
    if (at - lastAt < intervalMs) return false;
    lastCount = count;
    lastAt = at;
    return true;
  };
}
