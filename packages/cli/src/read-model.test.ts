/**
 * The model file is the document `POST /v1/models` takes (README.md, "segflow propensity fit"):
 * the shared example, docs/examples/churn.json, is also created through the API in
 * apps/api/src/models/models.int.test.ts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CliError, ExitCode } from "./cli-error.js";
import { parseModel, readModel } from "./read-model.js";

const EXAMPLE = fileURLToPath(new URL("../../../docs/examples/churn.json", import.meta.url));
const example = JSON.parse(readFileSync(EXAMPLE, "utf8"));

function refusal(document: unknown): CliError {
  try {
    parseModel(JSON.stringify(document), "M.json");
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(document)}`);
}

describe("readModel", () => {
  it("reads the example, id and schedule included, as the spec to fit (the id is not used)", async () => {
    expect(example).toHaveProperty("id");
    expect(example).toHaveProperty("schedule.train");
    const { id: _id, ...fields } = example;
    expect(await readModel(EXAMPLE)).toEqual({
      ...fields,
      attributes: [], // none listed: every attribute with usable coverage is considered
      lookbackDays: 90,
      buckets: { medium: 25, high: 75 },
      dataChecks: { minPositives: 500, minNegatives: 500 },
      minAuc: 0.65,
    });
  });

  it("is what the README shows as churn.json", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(readFileSync(EXAMPLE, "utf8").trim());
  });
});

describe("parseModel", () => {
  it.each([
    ["a.b", "a dot: scores.a.b would be two fields"],
    ["$x", "a leading $"],
    ["a".repeat(65), "65 characters"],
  ])("refuses the id %j as the API does (%s), naming the file and the field", (id) => {
    const error = refusal({ ...example, id });
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(
      "M.json: id: letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters",
    );
  });

  it.each([
    [{ schedule: { retrain: "0 3 * * *" } }, "M.json: schedule: "],
    [{ schedule: { train: "" } }, "M.json: schedule.train: "],
    [{ windowDay: 30 }, "M.json: (model): "],
  ])("refuses %j as the API does, naming the field", (change, prefix) => {
    expect(refusal({ ...example, ...change }).message.startsWith(prefix)).toBe(true);
  });
});
