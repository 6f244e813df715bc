/**
 * A small client for segflow's HTTP API (apps/api/README.md): JSON in and out, bearer key,
 * and errors turned into messages that say what to do next. Every failure is a CliError with
 * exit code 1, so commands only handle success.
 */
import { CliError, ExitCode, errorMessage } from "./cli-error.js";
import { isPlainObject } from "./describe-value.js";

export interface ApiClientOptions {
  /** Base URL without `/v1`, e.g. http://127.0.0.1:3000 (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string | undefined;
  /**
   * Give up on a request after this long.
   * @defaultValue 30 000 ms
   */
  timeoutMs?: number;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error answer of the API: `{ error: { code, message, details } }` and its HTTP status. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly apiMessage: string,
    readonly details: unknown,
  ) {
    super(formatApiError(status, code, apiMessage, details), ExitCode.failed);
    this.name = "ApiError";
  }
}

/** Node's network error codes that mean nothing answered at that address. */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

export class ApiClient {
  readonly baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: ApiClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new CliError(`--api-url: ${JSON.stringify(options.baseUrl)} is not a URL`, ExitCode.usage);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new CliError(
        `--api-url: ${JSON.stringify(options.baseUrl)} is not an http(s) URL`,
        ExitCode.usage,
      );
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>("POST", path, { body, headers: headers ?? {} });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  /**
   * Sends one request and returns the parsed JSON answer (undefined for an empty one, e.g. 204).
   * @throws ApiError for an error status; CliError when the API cannot be reached or answers
   *   something that is not JSON.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.baseUrl + path;
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      throw this.#networkError(error);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const error = isPlainObject(json) && isPlainObject(json.error) ? json.error : undefined;
      if (error && typeof error.message === "string") {
        const code = typeof error.code === "string" ? error.code : undefined;
        throw new ApiError(response.status, code, error.message, error.details);
      }
      const snippet = text.trim().slice(0, 200);
      throw new ApiError(
        response.status,
        undefined,
        `${method} ${url} answered ${response.status} ${response.statusText}${snippet ? `: ${snippet}` : ""}`,
        undefined,
      );
    }
    if (text.trim() === "") return undefined as T;
    if (json === NOT_JSON) {
      throw new CliError(`${method} ${url}: the answer is not JSON: ${text.slice(0, 200)}`, ExitCode.failed);
    }
    return json as T;
  }

  #networkError(error: unknown): CliError {
    const name = (error as Error | undefined)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      return new CliError(
        `the API at ${this.baseUrl} did not answer within ${this.#timeoutMs / 1000} s`,
        ExitCode.failed,
      );
    }
    const code = networkCode(error);
    if (code && UNREACHABLE.has(code)) {
      return new CliError(
        `the API is not reachable at ${this.baseUrl} (${code}): start it (npm run api) or point --api-url or SEGFLOW_API_URL at it`,
        ExitCode.failed,
      );
    }
    return new CliError(`cannot reach the API at ${this.baseUrl}: ${describeCause(error)}`, ExitCode.failed);
  }
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** fetch (undici) wraps the system error: `TypeError: fetch failed` with `cause.code`. */
function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    // Several addresses tried (IPv4 and IPv6): an AggregateError of system errors.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) return networkCode(errors[0]);
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause ? `${errorMessage(error)} (${errorMessage(cause)})` : errorMessage(error);
}

/**
 * The lines a person reads: the message and where it came from, then the details that help.
 * Language errors (details.errors, as `POST /v1/segments` sends them) replace the message, one
 * a line (the message joins them); field issues after the first are listed too.
 */
export function formatApiError(
  status: number,
  code: string | undefined,
  message: string,
  details: unknown,
): string {
  const origin = `HTTP ${status}${code ? ` ${code}` : ""}`;
  const languageErrors = languageErrorsIn(details);
  if (languageErrors.length > 0) {
    return [`the API rejected the definition (${origin}):`, ...languageErrors].join("\n");
  }
  const lines = [`${message} (${origin})`];
  const issues = isPlainObject(details) && Array.isArray(details.issues) ? details.issues : [];
  if (issues.length > 1) {
    for (const issue of issues) {
      if (isPlainObject(issue) && typeof issue.message === "string") {
        lines.push(
          `  ${typeof issue.path === "string" && issue.path ? issue.path : "(request)"}: ${issue.message}`,
        );
      }
    }
  }
  if (status === 401) lines.push("give the key with --api-key or SEGFLOW_API_KEY");
  return lines.join("\n");
}

function languageErrorsIn(details: unknown): string[] {
  const list = isPlainObject(details) ? details.errors : details;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => (isPlainObject(e) && typeof e.message === "string" ? [e.message] : []));
}
