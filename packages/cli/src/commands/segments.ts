import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type ApiOptions, apiClientFor, pathId, withApiOptions } from "../api-options.js";
import { CliError, ExitCode, errorMessage } from "../cli-error.js";
import type { CliEnv } from "../config.js";
import type { Io } from "../io.js";
import { instant, integer } from "../option-parsers.js";
import { formatCount, formatTable, printJson } from "../output.js";

interface Segment {
  id: string;
  name: string;
  definition: string;
  streaming: boolean;
  schedule: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DefinitionOptions {
  definition?: string;
  file?: string;
}

const HELP = `
Talks to the segflow API (--api-url or SEGFLOW_API_URL, default http://127.0.0.1:3000; key from
--api-key or SEGFLOW_API_KEY). Results are printed as JSON; API errors on stderr with exit 1.

Examples:
  $ segflow segments create --id vip --name "VIP customers" --definition 'tags contains "vip"'
  $ segflow segments create --name "Lapsed buyers" --file lapsed.segment --schedule "0 3 * * *"
  $ segflow segments list --table
  $ segflow segments validate --definition 'count(events where type = "purchase") >= 2'
  $ segflow segments estimate --definition 'loyalty.tier = "gold"'
`;

export function registerSegments(program: Command, io: Io, env: CliEnv): void {
  const segments = program
    .command("segments")
    .summary("create, list, read, delete, validate and estimate segments through the API")
    .description("Segment definitions stored by the segflow API.")
    .addHelpText("after", HELP);

  withApiOptions(
    segments
      .command("create")
      .description("store a new segment (the API checks the definition first)")
      .option("--id <id>", "the segment id (default: made from the name)")
      .requiredOption("--name <name>", "a name people read")
      .option("--definition <source>", "the definition in the segment language")
      .option("--file <path>", "read the definition from a file instead")
      .option("--streaming", "also re-evaluate it as events arrive")
      .option("--schedule <cron>", 'evaluate it on a schedule, e.g. "0 3 * * *"'),
  ).action(
    async (
      options: ApiOptions &
        DefinitionOptions & { id?: string; name: string; streaming?: boolean; schedule?: string },
    ) => {
      const definition = await readDefinition(options);
      const body = {
        ...(options.id === undefined ? {} : { id: options.id }),
        name: options.name,
        definition,
        ...(options.streaming ? { streaming: true } : {}),
        ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
      };
      printJson(io.stdout, await apiClientFor(options, env).post<Segment>("/v1/segments", body));
    },
  );

  withApiOptions(
    segments
      .command("list")
      .description("list the stored segments")
      .option("--table", "print a table instead of JSON"),
  ).action(async (options: ApiOptions & { table?: boolean }) => {
    const { segments: list } = await apiClientFor(options, env).get<{ segments: Segment[] }>("/v1/segments");
    if (!options.table) return printJson(io.stdout, list);
    const rows = list.map((s) => [s.id, s.name, s.streaming ? "yes" : "no", s.schedule ?? "", s.updatedAt]);
    const table = formatTable(
      [
        { header: "id" },
        { header: "name" },
        { header: "streaming" },
        { header: "schedule" },
        { header: "updated" },
      ],
      rows,
    );
    io.stdout.write(`${table}\n`);
  });

  withApiOptions(
    segments.command("get").description("print one segment").argument("<id>", "the segment id"),
  ).action(async (id: string, options: ApiOptions) => {
    printJson(io.stdout, await apiClientFor(options, env).get<Segment>(`/v1/segments/${pathId(id)}`));
  });

  withApiOptions(
    segments.command("delete").description("delete a segment").argument("<id>", "the segment id"),
  ).action(async (id: string, options: ApiOptions) => {
    await apiClientFor(options, env).delete(`/v1/segments/${pathId(id)}`);
    io.stdout.write(`deleted segment ${id}\n`);
  });

  withApiOptions(
    segments
      .command("validate")
      .description("check a definition against the stored segments without saving it")
      .option("--definition <source>", "the definition in the segment language")
      .option("--file <path>", "read the definition from a file instead")
      .option("--id <id>", "the id it would be stored under (for inSegment cycles)")
      .addHelpText(
        "after",
        '\nPrints "ok" and exits 0 when valid; otherwise each language error on stderr, one a line, and exits 2.\n',
      ),
  ).action(async (options: ApiOptions & DefinitionOptions & { id?: string }) => {
    const definition = await readDefinition(options);
    const result = await apiClientFor(options, env).post<{ valid: boolean; errors: { message: string }[] }>(
      "/v1/segments/validate",
      { definition, ...(options.id === undefined ? {} : { id: options.id }) },
    );
    if (result.valid) {
      io.stdout.write("ok\n");
      return;
    }
    throw new CliError(result.errors.map((e) => e.message).join("\n"), ExitCode.usage);
  });

  withApiOptions(
    segments
      .command("estimate")
      .description("estimate a definition's size from a random sample of profiles")
      .option("--definition <source>", "the definition in the segment language")
      .option("--file <path>", "read the definition from a file instead")
      .option("--sample-size <n>", "profiles to evaluate (the API's default when absent)", integer(1))
      .option("--now <instant>", "evaluate at this instant (default: the API's current time)", instant)
      .option("--json", "print the API's answer as JSON"),
  ).action(
    async (
      options: ApiOptions & DefinitionOptions & { sampleSize?: number; now?: string; json?: boolean },
    ) => {
      const definition = await readDefinition(options);
      const body = {
        definition,
        ...(options.sampleSize === undefined ? {} : { sampleSize: options.sampleSize }),
        ...(options.now === undefined ? {} : { now: options.now }),
      };
      const result = await apiClientFor(options, env).post<Estimate>("/v1/segments/estimate", body);
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${describeEstimate(result)}\n`);
    },
  );
}

interface Estimate {
  estimate: number;
  sampleSize: number;
  matched: number;
  population: number;
  interval: { low: number; high: number; confidence: number };
  now: string;
}

export function describeEstimate(e: Estimate): string {
  const share = e.population > 0 ? ` (${((100 * e.estimate) / e.population).toFixed(1)}%)` : "";
  return (
    `about ${formatCount(e.estimate)} of ${formatCount(e.population)} profiles${share}; ` +
    `${Math.round(e.interval.confidence * 100)}% interval ${formatCount(e.interval.low)}-${formatCount(e.interval.high)} ` +
    `(${formatCount(e.matched)} of a sample of ${formatCount(e.sampleSize)}, at ${e.now})`
  );
}

/** --definition or --file, exactly one. */
async function readDefinition(options: DefinitionOptions): Promise<string> {
  if ((options.definition === undefined) === (options.file === undefined)) {
    throw new CliError("give the definition with either --definition or --file", ExitCode.usage);
  }
  if (options.definition !== undefined) return options.definition;
  try {
    return await readFile(options.file!, "utf8");
  } catch (error) {
    throw new CliError(`--file: cannot read ${options.file}: ${errorMessage(error)}`, ExitCode.usage);
  }
}
