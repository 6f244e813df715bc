import { parseInstant } from "@segflow/segment-language";
import {
  DEFAULT_EVENTS_PER_PROFILE,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_WINDOW_DAYS,
  generatePopulation,
  type SyntheticProfile,
} from "@segflow/synthetic";
import type { Command } from "commander";
import { CliError, ExitCode } from "../cli-error.js";
import type { CliEnv } from "../config.js";
import type { Io } from "../io.js";
import { instant, integer, positiveNumber } from "../option-parsers.js";
import { formatCount, formatSeconds } from "../output.js";
import { startProgress } from "../progress.js";
import { openJsonlSink, openMongoSink, type SeedSink } from "../seed-sinks.js";

export interface SeedOptions {
  profiles: number;
  seed: number;
  /** ISO instant; default the current time truncated to the minute. */
  now?: string;
  /** A JSON Lines file, or `-` for stdout. */
  out?: string;
  mongoUrl?: string;
  /** Profiles per write. */
  batch: number;
  eventsPerProfile: number;
  historyDays: number;
  windowDays: number;
  /** Add each profile's truth to its JSONL line. */
  truth?: boolean;
  /** Delete the database's profiles and events first. */
  replace?: boolean;
}

const HELP = `
Where it goes (one of):
  --out FILE.jsonl   one profile a line, as the segment language reference shows them:
                     {"id":"p-00001","attributes":{...},"events":[{"type":"search","timestamp":"2026-11-20T10:00:00.000Z","properties":{...}}]}
                     (--out - writes to stdout); --truth adds "truth":{"churn":p,"conversion":q}
  --mongo-url URL    MongoDB (the database named in the URL), through the store: profiles upserted,
                     events inserted, --batch profiles at a time; default MONGO_URL. A database
                     that already holds profiles or events is refused unless --replace.

The population is reproducible: the same --profiles, --seed, --now and shape options give the
same profiles, byte for byte. --now defaults to the current time truncated to the minute, so
pass it to reproduce a population later. Events cover --history-days before --now; each
profile's known churn and conversion probabilities are planted in the last --window-days
(packages/synthetic/README.md gives the formulas).

A progress bar is drawn on stderr when it is a terminal; the summary line (profiles, events,
seconds) goes to stdout, or to stderr with --out -.

Exit codes:
  0  seeded
  1  the database could not be reached, or a write failed part-way
  2  nothing was done: a bad option, an unwritable --out, a database that already holds data

Examples:
  $ segflow seed --profiles 20000 --seed 42 --mongo-url mongodb://127.0.0.1:27017/segflow
  $ segflow seed --profiles 1000 --seed 7 --now 2026-12-01T00:00:00Z --out profiles.jsonl
  $ segflow seed --profiles 100 --seed 1 --out - | segflow evaluate -s segments.json -p - -n 2026-12-01
`;

export function registerSeed(program: Command, io: Io, env: CliEnv): void {
  program
    .command("seed")
    .summary("write a reproducible synthetic population to MongoDB or JSON Lines")
    .description(
      "Generate a synthetic population (attributes, months of events, planted behaviour and known " +
        "churn and conversion probabilities) and write it into MongoDB or as JSON Lines.",
    )
    .requiredOption("--profiles <n>", "how many profiles", integer(0))
    .requiredOption("--seed <k>", "the random seed, a whole number >= 0", integer(0))
    .option(
      "--now <instant>",
      "the end of the timeline (default: the current time truncated to the minute)",
      instant,
    )
    .option("--out <file>", "write JSON Lines to this file; - writes to stdout")
    .option("--mongo-url <url>", "write into this MongoDB database (default: MONGO_URL)")
    .option("--batch <n>", "profiles per write", integer(1, 100_000), 1000)
    .option("--events-per-profile <n>", "mean events per profile", positiveNumber, DEFAULT_EVENTS_PER_PROFILE)
    .option("--history-days <n>", "days of events before --now", integer(2), DEFAULT_HISTORY_DAYS)
    .option(
      "--window-days <n>",
      "the prediction window at the end of the history",
      integer(1),
      DEFAULT_WINDOW_DAYS,
    )
    .option("--truth", 'JSON Lines only: add each profile\'s known probabilities as "truth"')
    .option(
      "--replace",
      "MongoDB only: drop the profiles and events collections first (segments and runs stay)",
    )
    .addHelpText("after", HELP)
    .action(async (options: SeedOptions) => {
      await runSeed(options, io, env);
    });
}

export interface SeedSummary {
  profiles: number;
  events: number;
  now: string;
  seconds: number;
  target: string;
}

export async function runSeed(options: SeedOptions, io: Io, env: CliEnv): Promise<SeedSummary> {
  const started = performance.now();
  const now = options.now === undefined ? currentMinute() : new Date(parseInstant(options.now)!);
  if (options.windowDays >= options.historyDays) {
    throw new CliError(
      `--window-days (${options.windowDays}) must be less than --history-days (${options.historyDays})`,
      ExitCode.usage,
    );
  }
  if (options.out !== undefined && options.mongoUrl !== undefined) {
    throw new CliError("give either --out or --mongo-url, not both", ExitCode.usage);
  }
  const mongoUrl = options.out === undefined ? (options.mongoUrl ?? env.mongoUrl) : undefined;
  if (options.out === undefined && mongoUrl === undefined) {
    throw new CliError(
      "say where to write: --out FILE.jsonl, --out - (stdout), or --mongo-url URL (or set MONGO_URL)",
      ExitCode.usage,
    );
  }
  if (options.truth && options.out === undefined) {
    throw new CliError("--truth goes with --out: the truth is not stored in MongoDB", ExitCode.usage);
  }
  if (options.replace && mongoUrl === undefined) {
    throw new CliError("--replace goes with --mongo-url", ExitCode.usage);
  }

  const log = (line: string) => io.stderr.write(`${line}\n`);
  const sink: SeedSink =
    mongoUrl === undefined
      ? await openJsonlSink(options.out!, io.stdout, options.truth ?? false)
      : await openMongoSink(mongoUrl, { replace: options.replace ?? false, log });

  const population = generatePopulation({
    profiles: options.profiles,
    seed: options.seed,
    now,
    historyDays: options.historyDays,
    windowDays: options.windowDays,
    eventsPerProfile: options.eventsPerProfile,
  });
  const progress = startProgress(io.stderr, {
    format:
      "seeding |{bar}| {percentage}% | {value}/{total} profiles | {events} events | {duration_formatted}",
    total: options.profiles,
    payload: { events: 0 },
  });
  let profiles = 0;
  let events = 0;
  try {
    // Generate the next batch while the previous one is being written.
    let pending: Promise<void> = Promise.resolve();
    let batch: SyntheticProfile[] = [];
    const flush = async () => {
      await pending;
      const full = batch;
      batch = [];
      pending = sink.write(full).then(() => {
        profiles += full.length;
        for (const p of full) events += p.events.length;
        progress.update(profiles, { events: formatCount(events) });
      });
    };
    for (const profile of population) {
      batch.push(profile);
      if (batch.length >= options.batch) await flush();
    }
    if (batch.length > 0) await flush();
    await pending;
  } catch (error) {
    progress.stop();
    await sink.close().catch(() => {});
    if (error instanceof CliError) throw error;
    throw new CliError(
      `seeding ${sink.target} failed after ${formatCount(profiles)} profiles: ${(error as Error).message ?? String(error)}`,
      ExitCode.failed,
    );
  }
  progress.stop();
  await sink.close();

  const summary: SeedSummary = {
    profiles,
    events,
    now: now.toISOString(),
    seconds: (performance.now() - started) / 1000,
    target: sink.target,
  };
  const out = options.out === "-" ? io.stderr : io.stdout;
  out.write(
    `seeded ${formatCount(profiles)} profiles and ${formatCount(events)} events into ${summary.target} ` +
      `in ${formatSeconds(performance.now() - started)} (seed ${options.seed}, now ${summary.now})\n`,
  );
  return summary;
}

/** The current time truncated to the minute: reproducible if the summary's `now` is passed back. */
function currentMinute(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000);
}
