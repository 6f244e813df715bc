import { readFile } from "node:fs/promises";
import { checkModelConditions, ModelSpec } from "@segflow/propensity";
import { CliError, ExitCode, errorMessage } from "./cli-error.js";

/**
 * Reads a model file (`M.json`): one model instance as `POST /v1/models` takes it. Every problem is
 * a usage error (exit 2) that names the file and the field, one a line:
 * `M.json: windowDays: Too small: expected number to be >=1`, and, for the goal and eligible
 * expressions, the language's errors positioned in their own text: `M.json: goal: 1:7: …`.
 */
export async function readModel(path: string): Promise<ModelSpec> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read model file ${path}: ${errorMessage(error)}`, ExitCode.usage);
  }
  return parseModel(text, path);
}

export function parseModel(text: string, source: string): ModelSpec {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw usage(`${source}: not valid JSON: ${errorMessage(error)}`);
  }
  const parsed = ModelSpec.safeParse(value);
  if (!parsed.success) {
    throw usage(
      parsed.error.issues
        .map(
          (issue) =>
            `${source}: ${issue.path.length === 0 ? "(model)" : issue.path.join(".")}: ${issue.message}`,
        )
        .join("\n"),
    );
  }
  const errors = checkModelConditions(parsed.data);
  if (errors.length > 0) throw usage(errors.map((e) => `${source}: ${e.message}`).join("\n"));
  return parsed.data;
}

function usage(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}
