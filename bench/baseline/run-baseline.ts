/**
 * Runs bench/baseline/propensity_baseline.py (logistic regression and LightGBM on hand-made
 * features) in a virtual environment of its own under `.cache/bench-venv` at the repository root,
 * made and filled from the package registry on first use (bench/README.md, "Forward test").
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(HERE, "propensity_baseline.py");
const VENV = join(HERE, "..", "..", ".cache", "bench-venv");
const PYTHON = join(VENV, "bin", "python");
const PACKAGES = ["numpy", "lightgbm", "scikit-learn"];

export interface BaselineModel {
  seconds: number;
  probabilities: number[];
  trees?: number;
}

export interface BaselineResult {
  ids: string[];
  features: string[];
  trainingCutoffs: string[];
  examples: number;
  featureSeconds: number;
  lightgbm: string;
  churn: { positiveRate: number; logistic: BaselineModel; lightgbm: BaselineModel };
  conversion: { positiveRate: number; logistic: BaselineModel; lightgbm: BaselineModel };
}

function run(command: string, args: string[], what: string): void {
  const done = spawnSync(command, args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (done.error || done.status !== 0) {
    const reason = done.error?.message ?? done.stderr.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${what} failed (${command} ${args.join(" ")}):\n${reason}`);
  }
}

/** The venv with numpy, LightGBM and scikit-learn, made once; a venv left half-made is filled again. */
export function ensureBaselineVenv(log: (line: string) => void): void {
  const ready = () =>
    existsSync(PYTHON) &&
    spawnSync(PYTHON, ["-c", "import numpy, lightgbm, sklearn"], { stdio: "ignore" }).status === 0;
  if (ready()) return;
  log(`making the baselines' Python environment in ${VENV} (pip install ${PACKAGES.join(" ")})`);
  if (!existsSync(PYTHON)) {
    run("python3", ["-m", "venv", VENV], "python3 -m venv (Debian: apt-get install python3-venv)");
  }
  run(
    PYTHON,
    ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...PACKAGES],
    "pip install of the baselines' packages (is the package registry reachable? delete .cache/bench-venv to start over)",
  );
  if (!ready()) throw new Error(`${VENV} still cannot import numpy, lightgbm and sklearn after pip install`);
}

/** Fits both baselines on the profiles file (nothing after `now` in it) and reads their probabilities at `now`. */
export function runBaseline(options: {
  profilesPath: string;
  outPath: string;
  now: Date;
  windowDays: number;
  attributes: readonly string[];
}): BaselineResult {
  run(
    PYTHON,
    [
      SCRIPT,
      "--profiles",
      options.profilesPath,
      "--now",
      options.now.toISOString(),
      "--window-days",
      String(options.windowDays),
      "--attributes",
      options.attributes.join(","),
      "--out",
      options.outPath,
    ],
    "the Python baselines",
  );
  return JSON.parse(readFileSync(options.outPath, "utf8")) as BaselineResult;
}
