import type { Config } from "@segflow/config";
import type { Logger } from "@segflow/logger";
import type { Producer } from "@segflow/queues";
import type { Store } from "@segflow/store";

/** What the app is built from; the process (main.ts) or a test creates and closes these. */
export interface AppDeps {
  store: Store;
  producer: Producer;
  config: Config;
  logger: Logger;
  /**
   * Called after `POST /v1/events` stored its events or `POST /v1/profiles` wrote profiles, with
   * the ids of the profiles written (each once): the streaming evaluation's trigger (ARCHITECTURE.md,
   * "Streaming evaluation"). Awaited, so a failure answers the request with an error.
   * @defaultValue asks the streaming queue to evaluate them (`Producer.requestProfileEvaluations`)
   */
  onProfilesChanged?: (profileIds: string[]) => Promise<void> | void;
  /** The built web console served at `/console/`. @defaultValue apps/console/dist */
  consoleDir?: string;
}
