import type { Config } from "@segflow/config";
import type { StreamingEvaluator, StreamingSetCache } from "@segflow/evaluation";
import type { Logger } from "@segflow/logger";
import type { Producer } from "@segflow/queues";
import type { CompiledSegments } from "@segflow/segment-language";
import type { Store } from "@segflow/store";

/** What every job handler gets: the process's shared resources. */
export interface WorkerContext {
  config: Config;
  logger: Logger;
  store: Store;
  /** For jobs that start other jobs (a run's shard flow, scheduled runs). */
  producer: Producer;
  /** Compiled segment sets by run id: a worker evaluates many shards of the same run. */
  compiledRuns: Map<string, CompiledSegments>;
  /** The compiled streaming segments, reread when the stored segments change. */
  streamingSets: StreamingSetCache;
  /** Streaming evaluations, their reads and writes batched across the jobs running at once. */
  streaming: StreamingEvaluator;
  /** Asks for a feed publish; calls made while one is on its way share the next one. */
  requestPublish: () => Promise<void>;
}
