/**
 * `segflow propensity fit`: the command's definition. The work is in propensity-fit.handler.ts,
 * loaded only when the command runs: it pulls in TF.js, which every other command (and
 * `segflow evaluate`'s bounded-memory streaming) should not pay for.
 */
import type { FitResult } from "@segflow/propensity";
import type { Command } from "commander";
import type { Io } from "../io.js";
import { integer } from "../option-parsers.js";
import type { PropensityFitOptions } from "./propensity-fit.handler.js";

// Type-only: erased at run time, so importing it loads nothing.
export type { PropensityFitOptions };

const HELP = `
Input:
  --model     one model instance, as POST /v1/models takes it, e.g.
              {"name": "Churn", "type": "churn", "goal": "type is not null", "windowDays": 30,
               "attributes": ["loyalty.tier"], "dataChecks": {"minPositives": 500, "minNegatives": 500}}
  --profiles  JSON Lines, one profile a line, as for segflow evaluate (- reads stdin)

What it does, offline (no MongoDB, no Redis): features from the history up to cutoffs stepping
back from --now by the window, labels from the window after each cutoff (the last window, up to
--now, is held out to validate and test), a logistic and an MLP model on TF.js, the better one
by validation AUC; then every eligible profile is scored as of --now.

Output:
  --scores    one line a scored profile:
              {"id":"p-001","probability":0.31,"score":31,"percentile":77,"bucket":"medium",
               "factors":[{"feature":"daysSinceLastEvent","value":41.5,"impact":0.62}, ...]}
  stdout      a summary line, then the metrics as one JSON object on the last line (auc, lift,
              baseRate, deciles, topFactors, backend, trainSeconds, ...)
  stderr      progress

Exit codes:
  0  the model was fitted and the scores written
  1  the data fails its checks (too little history, too few positives or negatives: stderr says
     which and what is needed), a malformed profile line (FILE:LINE: reason), or a failed write
  2  nothing was done: a bad option or --now, an unreadable or invalid model file (each problem
     on its own line, naming the field; goal and eligible errors positioned in their own text)

Example:
  $ segflow seed --profiles 20000 --seed 42 --now 2026-12-01 --out profiles.jsonl
  $ segflow propensity fit --profiles profiles.jsonl --model churn.json --now 2026-12-01 --scores churn.jsonl
`;

export function registerPropensity(program: Command, io: Io): void {
  const propensity = program
    .command("propensity")
    .summary("fit propensity models (churn, conversion) offline")
    .description("Propensity models: churn and conversion scores for profiles, with their factors.");

  propensity
    .command("fit")
    .summary("fit a model on profiles and score them, without any service")
    .description(
      "Fit a propensity model on the history in a JSON Lines file of profiles, report its metrics " +
        "and write every eligible profile's score. Runs offline: no MongoDB, no Redis.",
    )
    .requiredOption("-p, --profiles <file>", "profiles as JSON Lines, one a line; - reads stdin")
    .requiredOption("-m, --model <file>", "the model instance as JSON (name, type, goal, windowDays, …)")
    .requiredOption("-n, --now <instant>", "score as of this instant; labels are read up to it")
    .requiredOption("-o, --scores <file>", "write the scores here, one profile a line (JSON Lines)")
    .option("--seed <k>", "seeds weight initialisation and shuffling", integer(0), 1)
    .addHelpText("after", HELP)
    .action(async (options: PropensityFitOptions) => {
      await runPropensityFit(options, io);
    });
}

/** Fits, scores and reports (see the handler); TF.js is loaded on the first call. */
export async function runPropensityFit(options: PropensityFitOptions, io: Io): Promise<FitResult> {
  const handler = await import("./propensity-fit.handler.js");
  return handler.runPropensityFit(options, io);
}
