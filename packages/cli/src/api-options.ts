/** The options every command that talks to the API takes, and the client they make. */
import type { Command } from "commander";
import { ApiClient } from "./api-client.js";
import { CliError, ExitCode } from "./cli-error.js";
import { type CliEnv, DEFAULT_API_URL } from "./config.js";

/** Seconds to wait for an answer when neither `--timeout` nor `SEGFLOW_API_TIMEOUT` says. */
export const DEFAULT_API_TIMEOUT_SECONDS = 30;

export interface ApiOptions {
  apiUrl?: string;
  apiKey?: string;
  /** The program's global `--timeout`: seconds to wait for each answer. */
  timeout?: number;
}

/**
 * Adds `--api-url` and `--api-key` to an API command, and hands it the program's global
 * `--timeout` (program.ts) as `options.timeout`: commander gives an action only its own
 * command's options.
 */
export function withApiOptions(command: Command): Command {
  return command
    .option("--api-url <url>", `the API's base URL (default: SEGFLOW_API_URL, else ${DEFAULT_API_URL})`)
    .option("--api-key <key>", "API key, sent as a bearer token (default: SEGFLOW_API_KEY)")
    .hook("preAction", (self) => {
      const { timeout } = self.optsWithGlobals<ApiOptions>();
      if (timeout !== undefined) self.setOptionValue("timeout", timeout);
    });
}

/** The client for a command's options, with the environment's settings where no option is given. */
export function apiClientFor(options: ApiOptions, env: CliEnv): ApiClient {
  const seconds = options.timeout ?? envTimeout(env.apiTimeout) ?? DEFAULT_API_TIMEOUT_SECONDS;
  return new ApiClient({
    baseUrl: options.apiUrl ?? env.apiUrl,
    apiKey: options.apiKey ?? env.apiKey,
    timeoutMs: seconds * 1000,
  });
}

function envTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(
      `SEGFLOW_API_TIMEOUT: expected a positive number of seconds, got ${JSON.stringify(text)}`,
      ExitCode.usage,
    );
  }
  return seconds;
}

/** A path segment from a user-given id: `/v1/segments/${pathId(id)}`. */
export function pathId(id: string): string {
  return encodeURIComponent(id);
}
