import type { ExplainNode, ExplainResponse } from "@segflow/api-contract";
import type { Command } from "commander";
import { type ApiOptions, apiClientFor, pathId, withApiOptions } from "../api-options.js";
import type { CliEnv } from "../config.js";
import type { Io } from "../io.js";
import { instant } from "../option-parsers.js";
import { printJson } from "../output.js";

/** A node of `GET /v1/profiles/:id/explain`. */
export type { ExplainNode };

const HELP = `
Talks to the segflow API (--api-url or SEGFLOW_API_URL, default http://127.0.0.1:3000; key from
--api-key or SEGFLOW_API_KEY).

Examples:
  $ segflow profiles get p-00042
  $ segflow profiles explain p-00042 --segment lapsed-buyers --now 2026-12-01T00:00:00Z
`;

export function registerProfiles(program: Command, io: Io, env: CliEnv): void {
  const profiles = program
    .command("profiles")
    .summary("read profiles and explain their segment memberships through the API")
    .description("Profiles stored by the segflow API.")
    .addHelpText("after", HELP);

  withApiOptions(
    profiles.command("get").description("print a profile with its scores and memberships").argument("<id>"),
  ).action(async (id: string, options: ApiOptions) => {
    printJson(io.stdout, await apiClientFor(options, env).get(`/v1/profiles/${pathId(id)}`));
  });

  withApiOptions(
    profiles
      .command("explain")
      .description("why a profile is or is not in a segment, condition by condition")
      .argument("<id>")
      .requiredOption("--segment <id>", "the segment")
      .option("--now <instant>", "evaluate at this instant (default: the API's current time)", instant)
      .option("--json", "print the API's answer as JSON instead of a tree"),
  ).action(async (id: string, options: ApiOptions & { segment: string; now?: string; json?: boolean }) => {
    const query = new URLSearchParams({ segment: options.segment });
    if (options.now !== undefined) query.set("now", options.now);
    const result = await apiClientFor(options, env).get<ExplainResponse>(
      `/v1/profiles/${pathId(id)}/explain?${query}`,
    );
    if (options.json) return printJson(io.stdout, result);
    const verdict = result.holds ? "is in" : "is not in";
    io.stdout.write(`${result.profileId} ${verdict} ${result.segmentId} at ${result.now}\n`);
    io.stdout.write(`${explainTree(result.explanation.root).join("\n")}\n`);
  });
}

/**
 * The explanation as an indented tree, one node a line: ✓ held, ✗ did not, then the value a
 * sub-expression had (or "missing") and on how many events a filter condition held.
 */
export function explainTree(node: ExplainNode, depth = 0): string[] {
  const mark = node.holds === true ? "✓ " : node.holds === false ? "✗ " : "· ";
  const notes: string[] = [];
  if (node.missing) notes.push("missing");
  else if ("value" in node && node.value !== undefined) notes.push(`= ${short(node.value)}`);
  if (node.matchingEvents !== undefined) {
    notes.push(`${node.matchingEvents} matching ${node.matchingEvents === 1 ? "event" : "events"}`);
  }
  const line = `${"  ".repeat(depth)}${mark}${node.expression}${notes.length > 0 ? `   (${notes.join(", ")})` : ""}`;
  return [line, ...(node.children ?? []).flatMap((child) => explainTree(child, depth + 1))];
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
