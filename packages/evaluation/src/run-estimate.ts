/**
 * A run's rate and time to go, in one place: from when the run started (`startedAt`, set when
 * its shards were planned) and the profiles its shards have reported. The rate is the run's
 * average so far, so it includes time shards spent queued or writing; it settles as the run
 * goes. No I/O: the API calls it for every run it shows.
 */
import type { RunStatus } from "@segflow/store";

export interface RunEstimateInput {
  status: RunStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  profilesDone: number;
  /** Profiles counted when the run was created; null when unknown (runs from older versions). */
  profilesTotal: number | null;
  /** The instant the estimate is for. */
  at: Date;
}

export interface RunEstimate {
  /** The planned count while the run goes; the profiles actually evaluated once it completed. */
  profilesTotal: number | null;
  /** Profiles evaluated per second since the run started (one decimal); null before the first report. */
  profilesPerSecond: number | null;
  /**
   * Seconds until every profile is evaluated at the rate so far (rounded up; 0 when done or past
   * the planned count); null while the rate or the total is unknown, and for a failed run.
   */
  etaSeconds: number | null;
}

export function estimateRun(input: RunEstimateInput): RunEstimate {
  const { status, startedAt, profilesDone } = input;
  const completed = status === "completed";
  const profilesTotal = completed ? profilesDone : input.profilesTotal;
  const until = (completed || status === "failed" ? input.finishedAt : null) ?? input.at;
  const seconds = startedAt ? (until.getTime() - startedAt.getTime()) / 1000 : 0;
  // Before the first report (or with the API's clock behind the worker's), there is no rate.
  const rate = profilesDone > 0 && seconds > 0 ? profilesDone / seconds : null;
  let etaSeconds: number | null = null;
  if (completed) etaSeconds = 0;
  else if (status === "running" && rate !== null && profilesTotal !== null) {
    etaSeconds = Math.ceil(Math.max(0, profilesTotal - profilesDone) / rate);
  }
  return {
    profilesTotal,
    profilesPerSecond: rate === null ? null : Math.round(rate * 10) / 10,
    etaSeconds,
  };
}
