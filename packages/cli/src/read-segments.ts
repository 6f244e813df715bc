import { readFile } from "node:fs/promises";
import type { SegmentDefinition } from "@segflow/segment-language";
import { CliError, ExitCode, errorMessage } from "./cli-error.js";
import { describeValue, isPlainObject } from "./describe-value.js";

/**
 * Reads a segments file: a JSON array of `{ "id", "definition" }` (other fields, such as a
 * `name` from an API export, are ignored). Throws a usage error (exit 2) saying what is wrong
 * and where; the definitions themselves are checked later by the language.
 */
export async function readSegments(path: string): Promise<SegmentDefinition[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read segments file ${path}: ${errorMessage(error)}`, ExitCode.usage);
  }
  return parseSegments(text, path);
}

/** Every shape problem at once, e.g. `S.json: [2].definition: expected a string, found a number`. */
export function parseSegments(text: string, source: string): SegmentDefinition[] {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw usage(`${source}: not valid JSON: ${withLineColumn(json, errorMessage(error))}`);
  }
  if (!Array.isArray(value)) {
    throw usage(
      `${source}: expected an array of {"id", "definition"} objects, found ${describeValue(value)}`,
    );
  }
  const problems: string[] = [];
  const definitions: SegmentDefinition[] = [];
  value.forEach((item: unknown, index) => {
    const where = `${source}: [${index}]`;
    if (!isPlainObject(item)) {
      problems.push(`${where}: expected an object with "id" and "definition", found ${describeValue(item)}`);
      return;
    }
    const { id, definition } = item;
    if (typeof id !== "string" || id === "") {
      problems.push(`${where}.id: ${expected("a non-empty string", id)}`);
    }
    if (typeof definition !== "string") {
      problems.push(`${where}.definition: ${expected("a string", definition)}`);
    }
    if (typeof id === "string" && typeof definition === "string") definitions.push({ id, definition });
  });
  if (problems.length > 0) throw usage(problems.join("\n"));
  return definitions;
}

function expected(what: string, value: unknown): string {
  return value === undefined ? "missing" : `expected ${what}, found ${describeValue(value)}`;
}

function usage(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

/**
 * Node 20's JSON errors give a character offset ("at position 57"); a hand-edited file is
 * easier to fix with a line and column. Newer Node versions already add them.
 */
function withLineColumn(text: string, message: string): string {
  const match = /at position (\d+)/.exec(message);
  if (!match || /\(line \d+ column \d+\)/.test(message)) return message;
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${message} (line ${line} column ${column})`;
}
