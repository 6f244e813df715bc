import { readFile } from "node:fs/promises";
import { checkModelConditions, ModelDefinition, type ModelSpec } from "@segflow/propensity/spec";
import { CliError, ExitCode, errorMessage } from "./cli-error.js";

/**
 * Reads a model file (`M.json`): propensity's `ModelDefinition`, the very document `POST /v1/models`
 * takes (packages/cli/README.md, "segflow propensity fit"). Its `id` is checked by the API's rule and
 * then left out: an offline fit stores nothing under it. `schedule` is kept in the spec, as the API
 * keeps it, and means nothing offline. Every problem is a usage error (exit 2) that names the file
 * and the field, one a line: `M.json: windowDays: Too small: expected number to be >=1`, and, for
 * the goal and eligible expressions, the language's errors positioned in their own text:
 * `M.json: goal: 1:7: …`.
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
  const parsed = ModelDefinition.safeParse(value);
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
  const { id: _id, ...spec } = parsed.data;
  const errors = checkModelConditions(spec);
  if (errors.length > 0) throw usage(errors.map((e) => `${source}: ${e.message}`).join("\n"));
  return spec;
}

function usage(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}
