/**
 * A progress bar on a terminal, nothing elsewhere: when stderr is a file or a pipe (CI, scripts)
 * the bar's redraws would be noise, so the commands print one summary line at the end instead.
 */
import type { Writable } from "node:stream";
import cliProgress, { Presets, SingleBar } from "cli-progress";

export interface Progress {
  /** Whether a bar is drawn (the stream is a terminal). */
  readonly visible: boolean;
  update(value: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

/**
 * Starts a bar on `stream` when it is a TTY. `format` uses cli-progress placeholders (`{bar}`,
 * `{value}`, `{total}`, `{percentage}`, `{duration_formatted}`) and the payload's keys.
 */
export function startProgress(
  stream: Writable,
  options: { format: string; total: number; payload?: Record<string, unknown>; barsize?: number },
): Progress {
  if (!(stream as Writable & { isTTY?: boolean }).isTTY) {
    return { visible: false, update() {}, setTotal() {}, stop() {} };
  }
  const bar = new SingleBar(
    {
      format: options.format,
      stream: stream as unknown as NodeJS.WritableStream,
      hideCursor: true,
      fps: 10,
      ...(options.barsize === undefined ? {} : { barsize: options.barsize }),
    },
    Presets.shades_classic,
  );
  bar.start(options.total, 0, options.payload ?? {});
  return {
    visible: true,
    update: (value, payload) => bar.update(value, payload ?? {}),
    setTotal: (total) => bar.setTotal(total),
    stop: () => bar.stop(),
  };
}

/**
 * Seconds as the bar writes its own `{duration_formatted}` ("45s", "3m20s", "1h5m"), so that an
 * ETA beside it reads the same way.
 */
export function formatDuration(seconds: number): string {
  // From the default export: Node's ESM loader cannot see `Format` as a named export of the CJS module.
  return cliProgress.Format.TimeFormat(Math.round(seconds), { autopaddingChar: "" }, 1);
}
