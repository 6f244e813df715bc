/**
 * `segflow keys`: makes API keys and the `API_KEYS` entries that hold their hashes (README.md,
 * "API keys and scopes"). Nothing is sent anywhere: the API is given the entry, the client the key.
 */
import { randomBytes } from "node:crypto";
import { API_SCOPES, type ApiScope, apiKeyEntry } from "@segflow/config";
import { type Command, InvalidArgumentError } from "commander";
import { CliError, ExitCode } from "../cli-error.js";
import type { Io } from "../io.js";

const HELP = `
The API stores only a key's SHA-256 and its scopes, in API_KEYS as comma-separated entries
[name:]<sha256 hex>:<scope>+<scope>. Scopes (independent: admin does not imply the others):
  read   reads of profiles, segments, runs, fields; validate, estimate, backtest; the docs
  write  writes of profiles, events, segments; starting runs
  admin  schedules, models, destinations, Bull Board, /metrics

Examples:
  $ segflow keys create --scopes read,write --name ingest
  $ segflow keys hash "$SEGFLOW_API_KEY" --scopes read
  $ printenv SEGFLOW_API_KEY | segflow keys hash - --scopes read,write,admin --name ops
`;

/** `read,write` → its scopes; an unknown one is a usage error naming it. */
function scopes(text: string): ApiScope[] {
  const given = text
    .split(/[,+]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = given.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || given.length === 0)
    throw new InvalidArgumentError(
      `${unknown.length > 0 ? `unknown scope ${unknown.join(", ")}` : "no scope"} (scopes: ${API_SCOPES.join(", ")})`,
    );
  return [...new Set(given as ApiScope[])];
}

function name(text: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(text)) throw new InvalidArgumentError("letters, digits, '_', '.', '-' only");
  return text;
}

interface KeyOptions {
  scopes: ApiScope[];
  name?: string;
  json?: boolean;
}

function print(io: Io, key: string, options: KeyOptions, showKey: boolean): void {
  const entry = apiKeyEntry(key, options.scopes, options.name);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(showKey ? { key, entry } : { entry })}\n`);
    return;
  }
  if (showKey) io.stdout.write(`key:   ${key}\n`);
  io.stdout.write(`entry: ${entry}\n`);
  if (showKey)
    io.stdout.write(
      "Give the key to its user (it is shown once); add the entry to the API's API_KEYS (comma-separated).\n",
    );
}

async function firstLine(io: Io): Promise<string> {
  let text = "";
  for await (const chunk of io.stdin) text += String(chunk);
  const line = text.split(/\r?\n/)[0]?.trim() ?? "";
  if (!line) throw new CliError("keys hash -: stdin holds no key", ExitCode.usage);
  return line;
}

export function registerKeys(program: Command, io: Io): void {
  const keys = program
    .command("keys")
    .summary("make API keys and their API_KEYS entries (hashes with scopes)")
    .description("API keys: the API holds only their hashes and scopes.")
    .addHelpText("after", HELP);

  const withOptions = (command: Command) =>
    command
      .requiredOption("--scopes <scopes>", `comma-separated: ${API_SCOPES.join(", ")}`, scopes)
      .option("--name <name>", "a label for the entry (shown in the API's logs, never the key)", name)
      .option("--json", "print JSON instead");

  withOptions(keys.command("create").description("make a new random key and print it with its entry")).action(
    (options: KeyOptions) => {
      // 32 random bytes: far beyond guessing, and the same length as the hash that stores it.
      print(io, `sf_${randomBytes(32).toString("base64url")}`, options, true);
    },
  );

  withOptions(
    keys
      .command("hash")
      .description("print the API_KEYS entry of an existing key")
      .argument("<key>", "the key, or - to read it from stdin (kept out of the shell's history)"),
  ).action(async (key: string, options: KeyOptions) => {
    print(io, key === "-" ? await firstLine(io) : key, options, false);
  });
}
