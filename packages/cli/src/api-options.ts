/** The options every command that talks to the API takes, and the client they make. */
import type { Command } from "commander";
import { ApiClient } from "./api-client.js";
import { type CliEnv, DEFAULT_API_URL } from "./config.js";

export interface ApiOptions {
  apiUrl?: string;
  apiKey?: string;
}

export function withApiOptions(command: Command): Command {
  return command
    .option("--api-url <url>", `the API's base URL (default: SEGFLOW_API_URL, else ${DEFAULT_API_URL})`)
    .option("--api-key <key>", "API key, sent as a bearer token (default: SEGFLOW_API_KEY)");
}

export function apiClientFor(options: ApiOptions, env: CliEnv): ApiClient {
  return new ApiClient({ baseUrl: options.apiUrl ?? env.apiUrl, apiKey: options.apiKey ?? env.apiKey });
}

/** A path segment from a user-given id: `/v1/segments/${pathId(id)}`. */
export function pathId(id: string): string {
  return encodeURIComponent(id);
}
