import type { Config } from "@segflow/config";
import type { Logger } from "@segflow/logger";
import type { Producer } from "@segflow/queues";
import type { Store } from "@segflow/store";
import type { ScorerCache } from "@segflow/training";

/** What every trainer job handler gets: the process's shared resources. */
export interface TrainerContext {
  config: Config;
  logger: Logger;
  store: Store;
  /** For jobs that start other jobs (a version's scoring, its shard flow, the outcome check). */
  producer: Producer;
  /** A trainer scores many shards of the same version. */
  scorers: ScorerCache;
}
