import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { generatePopulation } from "@segflow/synthetic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LineError } from "../cli-error.js";
import { tempFiles, toJsonl } from "../testing/fixtures.js";
import { runProgram } from "../testing/run-program.js";

const NOW = "2026-12-01T00:00:00Z";
const PROFILES = 3000;

// The shape `segflow seed --out` writes: id, attributes, events with ISO timestamps.
const population = [...generatePopulation({ profiles: PROFILES, seed: 7, now: new Date(NOW) })].map(
  ({ id, attributes, events }) => ({ id, attributes, events }),
);

// Written as for POST /v1/models: the id and schedule are accepted and not used offline.
const churn = {
  id: "churn_30d",
  schedule: { train: "0 3 * * 1" },
  name: "Churn",
  type: "churn",
  goal: "type is not null",
  windowDays: 30,
  attributes: ["loyalty.tier"],
  // 3,000 profiles give about 700 churned examples to train on: lower the checks' 500 for safety.
  dataChecks: { minPositives: 100, minNegatives: 100 },
};

let files: Awaited<ReturnType<typeof tempFiles>>;

beforeAll(async () => {
  files = await tempFiles({
    "profiles.jsonl": toJsonl(population),
    "churn.json": JSON.stringify(churn),
    "bad-goal.json": JSON.stringify({ ...churn, goal: 'type == "purchase"' }),
    "bad-fields.json": JSON.stringify({ ...churn, windowDays: 0, type: "upsell" }),
    "bad-id.json": JSON.stringify({ ...churn, id: "a.b" }),
    "not-json.json": "{ name: churn }",
    "strict.json": JSON.stringify({ ...churn, dataChecks: { minPositives: 100_000, minNegatives: 100 } }),
    "malformed.jsonl": toJsonl(population.slice(0, 5)) + "{not json}\n",
  });
});

afterAll(() => files.remove());

function fit(overrides: Record<string, string> = {}) {
  const options: Record<string, string> = {
    "--profiles": files.path("profiles.jsonl"),
    "--model": files.path("churn.json"),
    "--now": NOW,
    "--scores": files.path("scores.jsonl"),
    ...overrides,
  };
  return runProgram(["propensity", "fit", ...Object.entries(options).flat()]);
}

describe("segflow propensity fit", () => {
  it("writes one score line a profile and prints the metrics as one JSON object on the last line", async () => {
    const { error, stdout, stderr } = await fit();
    expect(error).toBeUndefined();

    const lines = (await readFile(files.path("scores.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(PROFILES);
    const scores = lines.map((line) => JSON.parse(line));
    expect(scores.map((s) => s.id)).toEqual(population.map((p) => p.id));
    for (const s of scores) {
      expect(Object.keys(s)).toEqual(["id", "probability", "score", "percentile", "bucket", "factors"]);
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      expect(s.score).toBe(Math.round(s.probability * 100));
      expect(s.bucket).toBe(s.score >= 75 ? "high" : s.score >= 25 ? "medium" : "low");
      expect(s.factors).toHaveLength(3);
      for (const f of s.factors) expect(Object.keys(f)).toEqual(["feature", "value", "impact"]);
    }

    const out = stdout.trimEnd().split("\n");
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(
      /^churn model "Churn": (logistic|mlp|ensemble), held-out AUC 0\.\d+, top-decile lift [\d.]+, 3,000 profiles scored into /,
    );
    const metrics = JSON.parse(out[1]!);
    expect(metrics).toMatchObject({ split: "profiles", quality: "good", examples: { scored: PROFILES } });
    for (const key of ["auc", "lift", "baseRate", "trainSeconds", "validationAuc"]) {
      expect(typeof metrics[key], key).toBe("number");
    }
    expect(["tensorflow", "wasm", "cpu"]).toContain(metrics.backend);
    expect(metrics.auc).toBeGreaterThan(0.7);
    expect(metrics.deciles).toHaveLength(10);
    expect(metrics.topFactors.length).toBeGreaterThan(0);

    // Progress on stderr: what was read, the split, the backend, each candidate, the choice.
    for (const text of [
      "fitting churn model",
      "examples:",
      "TF.js backend:",
      "logistic (L2 0.0001): validation AUC",
      "chose ",
    ]) {
      expect(stderr).toContain(text);
    }
    expect(stderr).toContain(`wrote 3,000 scores to ${files.path("scores.jsonl")}`);
  }, 120_000);

  it("exits 2 for an invalid goal, positioned in the goal's own text, before reading any profile", async () => {
    const scores = files.path("never-goal.jsonl");
    const { error, stdout } = await fit({ "--model": files.path("bad-goal.json"), "--scores": scores });
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      `${files.path("bad-goal.json")}: goal: 1:7: expected a value after "=", found "="`,
    );
    expect(stdout).toBe("");
    expect(existsSync(scores)).toBe(false);
  });

  it("exits 2 naming each invalid field of the model file", async () => {
    const { error, stdout } = await fit({ "--model": files.path("bad-fields.json") });
    expect(error?.exitCode).toBe(2);
    const lines = error!.message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.startsWith(`${files.path("bad-fields.json")}: type: `))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${files.path("bad-fields.json")}: windowDays: `))).toBe(true);
    expect(stdout).toBe("");
  });

  it("exits 2 for an id POST /v1/models would refuse, naming the file and the field", async () => {
    const { error, stdout } = await fit({ "--model": files.path("bad-id.json") });
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      `${files.path("bad-id.json")}: id: letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters`,
    );
    expect(stdout).toBe("");
  });

  it("exits 2 for a model file that is not JSON, or missing", async () => {
    const notJson = await fit({ "--model": files.path("not-json.json") });
    expect(notJson.error?.exitCode).toBe(2);
    expect(notJson.error?.message).toMatch(/not-json\.json: not valid JSON: /);
    const missing = await fit({ "--model": files.path("missing.json") });
    expect(missing.error?.exitCode).toBe(2);
    expect(missing.error?.message).toContain(`cannot read model file ${files.path("missing.json")}`);
  });

  it("exits 1 when the data fails its checks, saying what is needed, and writes no scores", async () => {
    const scores = files.path("never-checks.jsonl");
    const { error, stdout } = await fit({ "--model": files.path("strict.json"), "--scores": scores });
    expect(error?.exitCode).toBe(1);
    expect(error?.message).toMatch(
      /^training data fails its checks: \d+ positive training examples \(churned\); at least 100000 are needed$/,
    );
    expect(stdout).toBe("");
    expect(existsSync(scores)).toBe(false);
  });

  it("exits 1 at a malformed profile line, naming file and line", async () => {
    const { error } = await fit({ "--profiles": files.path("malformed.jsonl") });
    expect(error).toBeInstanceOf(LineError);
    expect(error?.exitCode).toBe(1);
    expect(error?.message).toMatch(/malformed\.jsonl:6: not valid JSON: /);
  });

  it("exits 2 for a bad --now, --scores -, a scores path in a missing folder, or a missing profiles file", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ "--now": "2026-02-30" }, '--now: "2026-02-30" is not a valid instant'],
      [{ "--scores": "-" }, "--scores: cannot write -: stdout carries the metrics; give a file"],
      [{ "--scores": files.path("nowhere/scores.jsonl") }, "--scores: cannot write "],
      [{ "--profiles": files.path("missing.jsonl") }, "cannot read profiles file "],
    ];
    for (const [overrides, message] of cases) {
      const { error, stdout } = await fit(overrides);
      expect(error?.exitCode, message).toBe(2);
      expect(error?.message).toContain(message);
      expect(stdout).toBe("");
    }
  });

  it("documents its input, output and exit codes in --help", async () => {
    const { stdout } = await runProgram(["propensity", "fit", "--help"]);
    for (const text of [
      "--profiles <file>",
      "--model <file>",
      "--now <instant>",
      "--scores <file>",
      "--seed <k>",
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain('"bucket":"medium"');
    expect(stdout).toContain("Exit codes:");
  });
});
