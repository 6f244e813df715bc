/** `segflow propensity fit` at work: read the model and the profiles, fit, write the scores, report. */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DataCheckError, type FitResult, fitPropensity, ModelConditionsError } from "@segflow/propensity";
import type { Profile } from "@segflow/segment-language";
import { CliError, ExitCode, errorMessage } from "../cli-error.js";
import type { Io } from "../io.js";
import { LineWriter } from "../line-writer.js";
import { parseNow } from "../option-parsers.js";
import { formatCount, formatSeconds } from "../output.js";
import { openProfiles, readProfiles } from "../profile-input.js";
import { readModel } from "../read-model.js";

export interface PropensityFitOptions {
  /** Profiles as JSON Lines, or `-` for stdin. */
  profiles: string;
  /** The model instance, a JSON object as `POST /v1/models` takes it. */
  model: string;
  /** The instant to score at; labels are read up to it. */
  now: string;
  /** Where the scores go, one profile a line. */
  scores: string;
  /** Seeds weight initialisation and shuffling. */
  seed: number;
}

/**
 * Everything that can be refused (--now, the model file, the scores path, the profiles file) is
 * checked before the profiles are read, so that a mistake costs nothing and leaves no output.
 */
export async function runPropensityFit(options: PropensityFitOptions, io: Io): Promise<FitResult> {
  const now = new Date(parseNow(options.now));
  const spec = await readModel(options.model);
  await checkWritable(options.scores);
  const input = await openProfiles(options.profiles, io.stdin);
  const log = (line: string) => io.stderr.write(`${line}\n`);
  log(`fitting ${spec.type} model "${spec.name}" on ${input.source} as of ${now.toISOString()}`);

  async function* profiles(): AsyncGenerator<Profile> {
    for await (const { profile } of readProfiles(input)) yield profile;
  }
  let result: FitResult;
  try {
    result = await fitPropensity(spec, profiles(), { now, seed: options.seed, log });
  } catch (error) {
    if (error instanceof DataCheckError) throw new CliError(error.message, ExitCode.failed);
    if (error instanceof ModelConditionsError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  } finally {
    if (input.input !== io.stdin) input.input.destroy();
  }

  const started = performance.now();
  await writeScores(options.scores, result);
  const { metrics } = result;
  log(
    `wrote ${formatCount(result.scores.length)} scores to ${options.scores} in ${formatSeconds(performance.now() - started)}`,
  );
  if (metrics.quality === "poor") {
    log(
      `warning: validation AUC ${metrics.validationAuc} is below minAuc ${metrics.minAuc}: the trainer ` +
        "would store this model as poor and not write its scores",
    );
  }
  io.stdout.write(
    `${spec.type} model "${spec.name}": ${metrics.kind}, held-out AUC ${metrics.auc}, top-decile lift ` +
      `${metrics.lift}, ${formatCount(result.scores.length)} profiles scored into ${options.scores} ` +
      `(${metrics.trainSeconds} s on ${metrics.backend})\n`,
  );
  io.stdout.write(`${JSON.stringify(metrics)}\n`);
  return result;
}

async function checkWritable(path: string): Promise<void> {
  const fail = (reason: string) => new CliError(`--scores: cannot write ${path}: ${reason}`, ExitCode.usage);
  if (path === "-") throw fail("stdout carries the metrics; give a file");
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw fail("it is a directory");
  const folder = await stat(dirname(resolve(path))).catch(() => undefined);
  if (!folder?.isDirectory()) throw fail(`no folder ${dirname(path)}`);
}

/** One line a scored profile, in the order fitPropensity scored them (the input's). */
async function writeScores(path: string, result: FitResult): Promise<void> {
  const file = createWriteStream(path);
  try {
    await once(file, "open");
    const out = new LineWriter(file);
    for (const { id, probability, score, percentile, bucket, factors } of result.scores) {
      await out.line(JSON.stringify({ id, probability, score, percentile, bucket, factors }));
    }
    await out.flush();
    file.end();
    await once(file, "finish");
  } catch (error) {
    file.destroy();
    throw new CliError(`--scores: writing ${path} failed: ${errorMessage(error)}`, ExitCode.failed);
  }
}
