/**
 * The CLI's settings from the environment: the one place in this package that reads
 * `process.env`. Options on the command line win over these.
 */

/** Where the API listens when neither `--api-url` nor `SEGFLOW_API_URL` says otherwise. */
export const DEFAULT_API_URL = "http://127.0.0.1:3000";

export interface CliEnv {
  /** `SEGFLOW_API_URL`: the API's base URL, without `/v1`. */
  apiUrl: string;
  /** `SEGFLOW_API_KEY`: sent as `Authorization: Bearer <key>`. */
  apiKey: string | undefined;
  /**
   * `SEGFLOW_API_TIMEOUT`: seconds to wait for each answer of the API, as written; checked
   * (api-options.ts) only by the commands that call the API, so that a bad value does not stop
   * the offline ones.
   */
  apiTimeout?: string | undefined;
  /** `MONGO_URL`: where `segflow seed` writes when neither --out nor --mongo-url is given. */
  mongoUrl: string | undefined;
}

export function loadCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  return {
    apiUrl: nonEmpty(env.SEGFLOW_API_URL) ?? DEFAULT_API_URL,
    apiKey: nonEmpty(env.SEGFLOW_API_KEY),
    apiTimeout: nonEmpty(env.SEGFLOW_API_TIMEOUT),
    mongoUrl: nonEmpty(env.MONGO_URL),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
