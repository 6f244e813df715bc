import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import type { ApiClient } from "../api-client.js";
import { type ApiOptions, apiClientFor, pathId, withApiOptions } from "../api-options.js";
import { CliError, ExitCode } from "../cli-error.js";
import type { CliEnv } from "../config.js";
import type { Io } from "../io.js";
import { instant, integer, list, positiveNumber } from "../option-parsers.js";
import { formatCount, formatSeconds, formatTable, printJson } from "../output.js";
import { type RunProgressView, startRunProgressBar } from "../run-progress-bar.js";

/** `GET /v1/evaluations/:id` (apps/api/README.md, "Routes"). */
export interface Evaluation {
  id: string;
  status: "queued" | "running" | "completed" | "failed";
  progress: RunProgressView;
  counts: Record<string, { realized: number; existing: number; exited: number; total: number }>;
  error?: string | null;
  [key: string]: unknown;
}

export interface StartOptions extends ApiOptions {
  segments?: string[];
  now?: string;
  idempotencyKey?: string;
  wait?: boolean;
  /** Milliseconds between polls with --wait. */
  interval: number;
  /** Seconds to wait at most with --wait (`timeout` is the API's, per request). */
  waitTimeout?: number;
}

const HELP = `
Talks to the segflow API (--api-url or SEGFLOW_API_URL, default http://127.0.0.1:3000; key from
--api-key or SEGFLOW_API_KEY).

"evaluations start" prints {"id", "status", "created"} and returns at once; with --wait it polls
the run every 500 ms, draws a progress bar on stderr when stderr is a terminal (profiles done of
the run's total, shards, profiles a second and the API's ETA), then prints the counts per segment
as a table: exit 0 when the run completed, 1 when it failed (or --wait-timeout passed).

Examples:
  $ segflow evaluations start --wait
  $ segflow evaluations start --segments vip,lapsed-buyers --now 2026-12-01T00:00:00Z --wait
  $ segflow evaluations get 3f1c… --table
`;

export function registerEvaluations(program: Command, io: Io, env: CliEnv): void {
  const evaluations = program
    .command("evaluations")
    .summary("start batch evaluation runs and follow them through the API")
    .description("Batch evaluation runs: every profile against the requested segments, in shards.")
    .addHelpText("after", HELP);

  withApiOptions(
    evaluations
      .command("start")
      .description("start an evaluation run (all stored segments unless --segments)")
      .option("--segments <ids>", "comma-separated segment ids", list)
      .option("--now <instant>", "evaluate at this instant (default: the API's current time)", instant)
      .option("--idempotency-key <key>", "repeating a request with the same key starts one run only")
      .option("--wait", "follow the run to its end and print the counts")
      .option("--interval <ms>", "with --wait: milliseconds between polls", integer(50), 500)
      .option("--wait-timeout <seconds>", "with --wait: give up (exit 1) after this long", positiveNumber),
  ).action((options: StartOptions) => runStart(options, io, env));

  withApiOptions(
    evaluations
      .command("get")
      .description("print a run: status, progress, counts")
      .argument("<id>", "the run id")
      .option("--table", "print the counts as a table instead of JSON"),
  ).action(async (id: string, options: ApiOptions & { table?: boolean }) => {
    const run = await apiClientFor(options, env).get<Evaluation>(`/v1/evaluations/${pathId(id)}`);
    if (!options.table) return printJson(io.stdout, run);
    io.stdout.write(`${runSummary(run)}\n${countsTable(run)}\n`);
  });

  withApiOptions(evaluations.command("list").description("list recent runs, newest first")).action(
    async (options: ApiOptions) => {
      const { evaluations: runs } = await apiClientFor(options, env).get<{ evaluations: Evaluation[] }>(
        "/v1/evaluations",
      );
      printJson(io.stdout, runs);
    },
  );
}

export async function runStart(options: StartOptions, io: Io, env: CliEnv): Promise<void> {
  const client = apiClientFor(options, env);
  const body = {
    ...(options.segments && options.segments.length > 0 ? { segmentIds: options.segments } : {}),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  const headers: Record<string, string> = options.idempotencyKey
    ? { "idempotency-key": options.idempotencyKey }
    : {};
  const accepted = await client.post<{ id: string; status?: string; created?: boolean }>(
    "/v1/evaluations",
    body,
    headers,
  );
  if (!options.wait) return printJson(io.stdout, accepted);
  const started = performance.now();
  const run = await waitForRun(client, accepted.id, options, io);
  io.stdout.write(`${runSummary(run, performance.now() - started)}\n${countsTable(run)}\n`);
  if (run.status === "failed") {
    throw new CliError(`evaluation ${run.id} failed${run.error ? `: ${run.error}` : ""}`, ExitCode.failed);
  }
}

/** Polls until the run completes or fails, drawing the bar; throws on --wait-timeout. */
async function waitForRun(client: ApiClient, id: string, options: StartOptions, io: Io): Promise<Evaluation> {
  const deadline =
    options.waitTimeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.waitTimeout * 1000;
  const progress = startRunProgressBar(io.stderr);
  try {
    for (;;) {
      const run = await client.get<Evaluation>(`/v1/evaluations/${pathId(id)}`);
      progress.show(run.status, run.progress);
      if (run.status === "completed" || run.status === "failed") return run;
      if (Date.now() >= deadline) {
        const { shardsDone, shardsTotal } = run.progress;
        throw new CliError(
          `evaluation ${id} is still ${run.status} after ${options.waitTimeout} s ` +
            `(${shardsDone}/${shardsTotal} shards); follow it with: segflow evaluations get ${id}`,
          ExitCode.failed,
        );
      }
      await sleep(options.interval);
    }
  } finally {
    progress.stop();
  }
}

function runSummary(run: Evaluation, elapsedMs?: number): string {
  const { shardsDone, shardsTotal, profilesDone } = run.progress;
  const profiles = profilesDone === undefined ? "" : `, ${formatCount(profilesDone)} profiles`;
  const took = elapsedMs === undefined ? "" : ` in ${formatSeconds(elapsedMs)}`;
  return `evaluation ${run.id} ${run.status}${took}: ${shardsDone}/${shardsTotal} shards${profiles}`;
}

/** One row per segment: realized, existing, exited, total. */
export function countsTable(run: Pick<Evaluation, "counts">): string {
  const rows = Object.entries(run.counts ?? {}).map(([segment, c]) => [
    segment,
    formatCount(c.realized),
    formatCount(c.existing),
    formatCount(c.exited),
    formatCount(c.total),
  ]);
  return formatTable(
    [
      { header: "segment" },
      { header: "realized", align: "right" },
      { header: "existing", align: "right" },
      { header: "exited", align: "right" },
      { header: "total", align: "right" },
    ],
    rows,
  );
}
