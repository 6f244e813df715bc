/**
 * The bar `evaluations start --wait` draws while a run goes: profiles done of the run's total,
 * shards, rate and the API's ETA (`GET /v1/evaluations/:id` computes them in one place; the CLI
 * only shows them). Against an API that gives no profile total, the bar counts shards.
 */
import type { Writable } from "node:stream";
import type { EvaluationProgress } from "@segflow/api-contract";
import { formatCount } from "./output.js";
import { formatDuration, startProgress } from "./progress.js";

/** `progress` of `GET /v1/evaluations/:id`; the profile fields are absent from older APIs. */
export type RunProgressView = Pick<EvaluationProgress, "shardsDone" | "shardsTotal"> &
  Partial<Omit<EvaluationProgress, "shardsDone" | "shardsTotal">>;

const FORMAT =
  "evaluating {bar} {percentage}% | {profiles} profiles | {shards} shards | {rate} | ETA {timeLeft} | {status}";

/** What the bar shows for one answer: its value and total, and the text of each field. */
export function runBarState(status: string, progress: RunProgressView) {
  const done = progress.profilesDone ?? 0;
  const total = progress.profilesTotal ?? 0;
  const byProfiles = total > 0;
  const rate = progress.profilesPerSecond;
  return {
    value: byProfiles ? done : progress.shardsDone,
    total: byProfiles ? total : Math.max(progress.shardsTotal, 1),
    payload: {
      profiles: byProfiles ? `${formatCount(done)}/${formatCount(total)}` : formatCount(done),
      shards: `${progress.shardsDone}/${progress.shardsTotal}`,
      rate: rate == null ? "-/s" : `${rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate))}/s`,
      // Not `eta`: cli-progress fills that one with its own estimate.
      timeLeft: progress.etaSeconds == null ? "-" : formatDuration(progress.etaSeconds),
      status,
    },
  };
}

/** A bar on `stream` when it is a terminal (progress.ts); `show` redraws it for one answer. */
export function startRunProgressBar(stream: Writable) {
  const bar = startProgress(stream, {
    format: FORMAT,
    total: 1,
    barsize: 20,
    payload: runBarState("queued", { shardsDone: 0, shardsTotal: 0 }).payload,
  });
  return {
    show(status: string, progress: RunProgressView): void {
      const state = runBarState(status, progress);
      bar.setTotal(state.total);
      bar.update(state.value, state.payload);
    },
    stop: () => bar.stop(),
  };
}
