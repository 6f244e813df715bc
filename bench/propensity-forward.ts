/**
 * The forward test of propensity models (bench/README.md, "Forward test"): a synthetic population
 * whose last 30 days are a future that no model sees, segflow's `fitPropensity` against a logistic
 * regression and LightGBM on hand-made features (bench/baseline/) and against the true
 * probabilities, by AUC and top-decile lift on what then happened.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { fitPropensity } from "@segflow/propensity";
import {
  generatePopulation,
  outcomeOf,
  type SyntheticProfile,
  type Truth,
  type TruthKind,
} from "@segflow/synthetic";
import { type BaselineResult, ensureBaselineVenv, runBaseline } from "./baseline/run-baseline.js";

const SIZES = (process.env.BENCH_FORWARD_PROFILES ?? "20000").split(",").map(Number);
/** The planted truths to test (packages/synthetic/README.md): `basic`, `shop` or both, comma-separated. */
const TRUTHS = (process.env.BENCH_FORWARD_TRUTH ?? "basic").split(",") as TruthKind[];
for (const truth of TRUTHS) {
  if (truth !== "basic" && truth !== "shop") {
    throw new Error(`BENCH_FORWARD_TRUTH: basic, shop or basic,shop; got ${truth}`);
  }
}
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;
/** T: every model scores as of T; the outcomes fall in (T, T + 30 days]. */
const T = new Date("2026-12-01T00:00:00Z");
const NOW = new Date(T.getTime() + WINDOW_DAYS * DAY_MS);
/** 240 days before T. */
const HISTORY_DAYS = 270;
const SEED = 42;
const TARGETS = { churn: "type is not null", conversion: 'type = "purchase"' } as const;
type Target = keyof typeof TARGETS;
/** Attributes given to segflow's second run and to the baselines; names, email and city say nothing. */
const ATTRIBUTES = [
  "emailOptIn",
  "country",
  "plan",
  "loyalty.tier",
  "loyalty.points",
  "signupDate",
  "birthDate",
  "favoriteCategory",
  "tags",
];

interface ForwardProfile {
  /** Its events up to T only. */
  profile: SyntheticProfile;
  truth: Truth;
  label: Record<Target, number>;
}

/** The population at T + 30 days, cut at T: labels and truths kept aside, the future dropped. */
function forwardPopulation(profiles: number, truth: TruthKind): ForwardProfile[] {
  const out: ForwardProfile[] = [];
  const options = {
    profiles,
    seed: SEED,
    now: NOW,
    historyDays: HISTORY_DAYS,
    windowDays: WINDOW_DAYS,
    truth,
  };
  for (const p of generatePopulation(options)) {
    const outcome = outcomeOf(p.events, T, NOW);
    const events = p.events.filter((e) => e.timestamp.getTime() <= T.getTime());
    out.push({
      profile: { ...p, events },
      // The generator's truth is the one at now - windowDays = T (packages/synthetic/README.md).
      truth: p.truth,
      label: { churn: outcome.churned ? 1 : 0, conversion: outcome.converted ? 1 : 0 },
    });
  }
  return out;
}

async function writeJsonLines(path: string, population: readonly ForwardProfile[]): Promise<void> {
  const stream = createWriteStream(path);
  for (const { profile } of population) {
    const line = JSON.stringify({ id: profile.id, attributes: profile.attributes, events: profile.events });
    if (!stream.write(`${line}\n`)) await once(stream, "drain");
  }
  stream.end();
  await finished(stream);
}

/** Area under the ROC curve by rank sum, ties counted half; written here so the bench does not grade segflow with its own code. */
function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += (i + j) / 2 + 1;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Outcome rate among the tenth with the highest scores over the overall rate. */
function topDecileLift(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const top = order.slice(0, Math.ceil(order.length / 10));
  const rate = (ids: number[]) => ids.reduce((s, i) => s + labels[i]!, 0) / ids.length;
  return rate(top) / rate(order);
}

/** Probabilities in population order; a profile a model did not score is an error, not a gap. */
function inOrder(
  population: readonly ForwardProfile[],
  ids: readonly string[],
  probabilities: readonly number[],
) {
  const byId = new Map(ids.map((id, i) => [id, probabilities[i]!]));
  return population.map(({ profile }) => {
    const p = byId.get(profile.id);
    if (p === undefined) throw new Error(`${profile.id} was not scored`);
    return p;
  });
}

async function fitSegflow(population: readonly ForwardProfile[], target: Target, attributes: string[]) {
  const started = performance.now();
  const { scores, metrics } = await fitPropensity(
    { name: target, type: target, goal: TARGETS[target], windowDays: WINDOW_DAYS, attributes },
    population.map((p) => p.profile),
    { now: T },
  );
  const seconds = (performance.now() - started) / 1000;
  const probabilities = inOrder(
    population,
    scores.map((s) => s.id),
    scores.map((s) => s.probability),
  );
  return {
    probabilities,
    seconds,
    kind: metrics.kind,
    heldOutAuc: metrics.auc,
    trainExamples: metrics.examples.train,
  };
}

interface Row {
  model: string;
  auc: number;
  topDecileLift: number;
  meanPredicted: number;
  fitSeconds: number | null;
  note?: string;
}

function row(
  model: string,
  probabilities: readonly number[],
  labels: readonly number[],
  fitSeconds: number | null,
  note?: string,
): Row {
  return {
    model,
    auc: Number(auc(probabilities, labels).toFixed(4)),
    topDecileLift: Number(topDecileLift(probabilities, labels).toFixed(2)),
    meanPredicted: Number((probabilities.reduce((s, p) => s + p, 0) / probabilities.length).toFixed(4)),
    fitSeconds: fitSeconds === null ? null : Number(fitSeconds.toFixed(1)),
    ...(note ? { note } : {}),
  };
}

function printTable(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log(
    `${"model".padEnd(26)}${"AUC".padStart(8)}${"lift@10%".padStart(10)}${"mean p".padStart(8)}${"fit s".padStart(8)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(26)}${r.auc.toFixed(4).padStart(8)}${r.topDecileLift.toFixed(2).padStart(10)}` +
        `${r.meanPredicted.toFixed(4).padStart(8)}${(r.fitSeconds === null ? "—" : r.fitSeconds.toFixed(1)).padStart(8)}` +
        `${r.note ? `  ${r.note}` : ""}`,
    );
  }
}

async function baselineFor(
  population: readonly ForwardProfile[],
): Promise<{ result: BaselineResult; seconds: number }> {
  const dir = await mkdtemp(join(tmpdir(), "segflow-forward-"));
  try {
    const profilesPath = join(dir, "profiles.jsonl");
    await writeJsonLines(profilesPath, population);
    const started = performance.now();
    const result = runBaseline({
      profilesPath,
      outPath: join(dir, "baseline.json"),
      now: T,
      windowDays: WINDOW_DAYS,
      attributes: ATTRIBUTES,
    });
    return { result, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One population: both baselines fitted once, then churn and conversion, each with its table. */
async function forwardTest(
  profiles: number,
  truth: TruthKind,
): Promise<{ lightgbm: string; runs: object[] }> {
  const runs: object[] = [];
  const population = forwardPopulation(profiles, truth);
  const events = population.reduce((s, p) => s + p.profile.events.length, 0);
  console.log(
    `${profiles.toLocaleString("en-US")} profiles, ${truth} truth: ${events.toLocaleString("en-US")} events up to ` +
      `${T.toISOString().slice(0, 10)} (${(events / profiles).toFixed(1)} a profile), outcomes in the 30 days after`,
  );
  const baseline = await baselineFor(population);
  const { result } = baseline;
  console.log(
    `baselines: ${result.features.length} features, ${result.examples.toLocaleString("en-US")} training examples ` +
      `(cutoffs ${result.trainingCutoffs.join(", ")}), features ${result.featureSeconds} s, Python in all ${baseline.seconds.toFixed(1)} s`,
  );
  for (const target of Object.keys(TARGETS) as Target[]) {
    const labels = population.map((p) => p.label[target]);
    const plain = await fitSegflow(population, target, []);
    const withAttributes = await fitSegflow(population, target, ATTRIBUTES);
    const models = result[target];
    const rows = [
      row(
        "segflow",
        plain.probabilities,
        labels,
        plain.seconds,
        `${plain.kind}, held-out AUC ${plain.heldOutAuc}`,
      ),
      row(
        "segflow + attributes",
        withAttributes.probabilities,
        labels,
        withAttributes.seconds,
        `${withAttributes.kind}, held-out AUC ${withAttributes.heldOutAuc}`,
      ),
      row(
        "logistic (sklearn)",
        inOrder(population, result.ids, models.logistic.probabilities),
        labels,
        models.logistic.seconds,
      ),
      row(
        "LightGBM",
        inOrder(population, result.ids, models.lightgbm.probabilities),
        labels,
        models.lightgbm.seconds,
        `${models.lightgbm.trees} trees`,
      ),
      row(
        "truth",
        population.map((p) => p.truth[target]),
        labels,
        null,
      ),
    ];
    const rate = labels.reduce((s, v) => s + v, 0) / labels.length;
    printTable(
      `${target}, ${profiles.toLocaleString("en-US")} profiles, ${truth} truth: observed rate ${rate.toFixed(4)}, ` +
        `segflow trained on ${plain.trainExamples.toLocaleString("en-US")} examples`,
      rows,
    );
    runs.push({ profiles, truth, target, observedRate: Number(rate.toFixed(4)), rows });
  }
  console.log("");
  return { lightgbm: result.lightgbm, runs };
}

ensureBaselineVenv((line) => console.log(line));
const runs: object[] = [];
let lightgbm = "";
for (const profiles of SIZES) {
  for (const truth of TRUTHS) {
    const tested = await forwardTest(profiles, truth);
    lightgbm = tested.lightgbm;
    runs.push(...tested.runs);
  }
}
console.log(JSON.stringify({ cpus: cpus().length, node: process.version, lightgbm, runs }));
