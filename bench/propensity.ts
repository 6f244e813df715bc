/**
 * `npm run bench:propensity` (and the last part of `npm run bench`): propensity training and
 * scoring, offline (no services), on synthetic populations.
 *
 * For each size in BENCH_PROPENSITY_PROFILES (default 20,000 and 100,000) and each model type in
 * BENCH_PROPENSITY_TYPES (default churn and conversion), on the synthetic truth in
 * BENCH_PROPENSITY_TRUTH (default shop: packages/synthetic/README.md, "The shop truth"; 240 days of
 * history), with no attribute listed (the model finds them), it measures:
 *   1. fit: fitPropensity streaming the population from the generator (profiles are made as they
 *      are read, as the trainer streams them from MongoDB), split into its phases from its log
 *      (read + features, choosing the cutoffs, training the candidates, refit + scoring + metrics); time
 *      spent generating profiles is measured and left out; and the model's quality: held-out AUC
 *      against the AUC of the true probabilities on the same profiles, top-decile lift;
 *   2. scoring: a Scorer rebuilt from the fitted artefact scoring every profile again, in batches
 *      of 5,000 (only the score calls are timed);
 *   3. peak resident memory of the process during both (RSS sampled every 20 ms by a worker
 *      thread, since training blocks the main thread for seconds at a time).
 * The last line is one JSON object with every figure.
 */
import { cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { auc, fitPropensity, Scorer } from "@segflow/propensity";
import { generatePopulation, type SyntheticProfile, type TruthKind } from "@segflow/synthetic";

const SIZES = (process.env.BENCH_PROPENSITY_PROFILES ?? "20000,100000").split(",").map(Number);
const TYPES = (process.env.BENCH_PROPENSITY_TYPES ?? "churn,conversion").split(",") as (
  | "churn"
  | "conversion"
)[];
const TRUTH = (process.env.BENCH_PROPENSITY_TRUTH ?? "shop") as TruthKind;
const HISTORY_DAYS = 240;
const NOW = new Date("2026-12-01T00:00:00Z");
const SEED = 42;
const SCORE_BATCH = 5000;
const GOALS = { churn: "type is not null", conversion: 'type = "purchase"' } as const;
const log = (s: string) => console.log(s);

/** Peak RSS since the last reset, sampled off the main thread. */
function startRssSampler(): { peak: () => number; reset: () => void; stop: () => Promise<number> } {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const peak = new Float64Array(workerData);
     setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 20);`,
    { eval: true, workerData: shared.buffer },
  );
  worker.unref();
  const current = () => Math.max(shared[0]!, process.memoryUsage.rss());
  return {
    peak: current,
    reset: () => {
      shared[0] = process.memoryUsage.rss();
    },
    stop: () => worker.terminate(),
  };
}

/** The population as a generator, with the time spent inside it (making profiles) counted. */
const generate = (profiles: number) =>
  generatePopulation({ profiles, seed: SEED, now: NOW, truth: TRUTH, historyDays: HISTORY_DAYS });

/** The population as a generator, with the time spent inside it (making profiles) counted. */
function timedPopulation(profiles: number): {
  items: Iterable<SyntheticProfile>;
  seconds: () => number;
  truths: Map<string, SyntheticProfile["truth"]>;
} {
  let ms = 0;
  const truths = new Map<string, SyntheticProfile["truth"]>();
  const source = generate(profiles);
  return {
    items: {
      *[Symbol.iterator]() {
        for (;;) {
          const t = performance.now();
          const next = source.next();
          ms += performance.now() - t;
          if (next.done) return;
          truths.set(next.value.id, next.value.truth);
          yield next.value;
        }
      },
    },
    seconds: () => ms / 1000,
    truths,
  };
}

const rss = startRssSampler();
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const runs: Record<string, unknown>[] = [];
let backend = "";
for (const profiles of SIZES) {
  for (const type of TYPES) {
    globalThis.gc?.();
    rss.reset();
    // Phases from fitPropensity's own log lines, stamped as they arrive.
    const marks: Record<string, number> = {};
    const population = timedPopulation(profiles);
    const started = performance.now();
    const result = await fitPropensity(
      { name: type, type, goal: GOALS[type], windowDays: 30 },
      population.items,
      {
        now: NOW,
        log: (line) => {
          const at = performance.now();
          if (line.startsWith("examples:")) marks.examples = at;
          if (line.startsWith("cutoffs:")) marks.cutoffs = at;
          if (line.startsWith("kept ")) marks.trained = at;
          if (line.startsWith("chose ")) marks.chosen = at;
        },
      },
    );
    const fitSeconds = (performance.now() - started) / 1000 - population.seconds();
    const phase = (from: number, to: number | undefined) => Number((((to ?? from) - from) / 1000).toFixed(2));
    const { metrics } = result;
    backend = metrics.backend;

    const scorer = new Scorer(result.artefact);
    let scored = 0;
    let scoringMs = 0;
    let batch: SyntheticProfile[] = [];
    const scoreBatch = () => {
      const t = performance.now();
      scored += scorer.score(batch, NOW).length;
      scoringMs += performance.now() - t;
      batch = [];
    };
    for (const p of generate(profiles)) {
      batch.push(p);
      if (batch.length === SCORE_BATCH) scoreBatch();
    }
    if (batch.length > 0) scoreBatch();
    scorer.dispose();
    const scoringRate = Math.round(scored / (scoringMs / 1000));

    const truthAuc = auc(
      result.heldOut.profileIds.map((id) => population.truths.get(id)![type]),
      result.heldOut.labels,
    );
    const run = {
      profiles,
      truth: TRUTH,
      type,
      kind: metrics.kind,
      auc: metrics.auc,
      truthAuc: Number(truthAuc.toFixed(4)),
      lift: metrics.lift,
      cutoffs: metrics.cutoffs.cutoffs,
      refitExamples: metrics.refit?.examples ?? null,
      calibration: metrics.calibration.method,
      attributesUsed: metrics.attributes.used.length,
      trainExamples: metrics.examples.train,
      features: metrics.features,
      generationSeconds: Number(population.seconds().toFixed(2)),
      fitSeconds: Number(fitSeconds.toFixed(2)),
      readAndFeatureSeconds: Number(((marks.examples! - started) / 1000 - population.seconds()).toFixed(2)),
      cutoffChoiceSeconds: phase(marks.examples!, marks.cutoffs),
      trainSeconds: phase(marks.cutoffs ?? marks.examples!, marks.trained),
      scoreAndMetricsAtFitSeconds: phase(marks.trained!, marks.chosen),
      scored,
      scoringSeconds: Number((scoringMs / 1000).toFixed(2)),
      scoringPerSec: scoringRate,
      peakRssMb: mb(rss.peak()),
    };
    runs.push(run);
    log(
      `${TRUTH} ${type}, ${profiles.toLocaleString("en-US")} profiles: held-out AUC ${metrics.auc} (truth ${run.truthAuc}), ` +
        `top-decile lift ${metrics.lift}, ${metrics.kind} from ${run.cutoffs} cutoffs, ${run.calibration} calibration; ` +
        `fit ${run.fitSeconds} s (read + features ${run.readAndFeatureSeconds} s, cutoffs ${run.cutoffChoiceSeconds} s, ` +
        `candidates ${run.trainSeconds} s, refit + scoring + metrics ${run.scoreAndMetricsAtFitSeconds} s; ` +
        `${metrics.examples.train.toLocaleString("en-US")} training examples, ${metrics.features} features, ` +
        `${run.attributesUsed} attributes found); Scorer: ${scored.toLocaleString("en-US")} profiles in ` +
        `${run.scoringSeconds} s = ${scoringRate.toLocaleString("en-US")} profiles/s; peak RSS ${run.peakRssMb} MB; ` +
        `${metrics.backend} backend`,
    );
  }
}
await rss.stop();
console.log(JSON.stringify({ backend, cpus: cpus().length, node: process.version, runs }));
