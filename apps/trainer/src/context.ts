import type { Config } from "@segflow/config";
import type { Logger } from "@segflow/logger";
import type { Scorer } from "@segflow/propensity";
import type { Producer } from "@segflow/queues";
import type { Store } from "@segflow/store";

/** What every trainer job handler gets: the process's shared resources. */
export interface TrainerContext {
  config: Config;
  logger: Logger;
  store: Store;
  producer: Producer;
  /** Scorers by version id: a trainer scores many shards of the same version. */
  scorers: Map<string, Scorer>;
}
