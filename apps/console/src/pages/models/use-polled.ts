/**
 * A value loaded from the API and loaded again while the page is open, so that status changes
 * made by the trainer show up without a reload. The next load starts `interval(data)` ms after the
 * previous one ended (never two at once); `null` stops polling until `refresh` is called. A load
 * that fails keeps the last value and tries again at the next interval.
 */
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  /** Loads now (after a user action), then polls again. */
  refresh: () => void;
}

export function usePolled<T>(
  load: () => Promise<T>,
  interval: (data: T | undefined) => number | null,
  deps: DependencyList,
): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  const intervalRef = useRef(interval);
  loadRef.current = load;
  intervalRef.current = interval;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to start over
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let latest: T | undefined;
      try {
        latest = await loadRef.current();
        if (!live) return;
        setData(latest);
        setError(null);
      } catch (e) {
        if (!live) return;
        setError(e);
      }
      const next = intervalRef.current(latest);
      if (next !== null) timer = setTimeout(tick, next);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, refresh };
}
