/**
 * How a consuming process stops (apps/worker, apps/trainer): SIGTERM or SIGINT drains it once
 * (`stop` closes its consumers, so active jobs finish and no new ones start, then whatever else it
 * holds), and the process exits 0; an error while draining is logged and exits 1.
 */
import type { JobLogger } from "./consume.js";

export function drainOnSignals(logger: JobLogger, process: string, stop: () => Promise<void>): void {
  let stopping = false;
  const drain = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining: finishing active jobs");
    await stop();
    logger.info({}, `${process} stopped`);
    globalThis.process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    globalThis.process.on(signal, () => {
      drain(signal).catch((error: unknown) => {
        logger.error({ err: error }, "error while draining");
        globalThis.process.exit(1);
      });
    });
  }
}
