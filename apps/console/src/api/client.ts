/**
 * The one way the console talks to the API: same origin, JSON, the session's key as a bearer
 * token. An answer that is not 2xx becomes an `ApiError` carrying what the API's error body
 * (`{ error: { code, message, details } }`, ErrorResponse in @segflow/api-contract) says, so pages
 * show the API's own words. A 401 forgets the key and tells the app (`onUnauthorized`), which
 * goes back to the sign-in page.
 */
import type { ErrorResponse } from "@segflow/api-contract";
import { clearApiKey, getApiKey } from "./key.js";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestOptions {
  body?: unknown;
  /** The key to use instead of the stored one (the sign-in page checks a key before keeping it). */
  key?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

let unauthorizedListener: (() => void) | null = null;

/** Called when a call with the stored key answers 401 (the key was revoked or mistyped). */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

function isErrorBody(body: unknown): body is ErrorResponse {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const key = options.key ?? getApiKey();
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", `the API did not answer (${(error as Error).message})`);
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.key === undefined) {
      clearApiKey();
      unauthorizedListener?.();
    }
    if (isErrorBody(body)) {
      throw new ApiError(response.status, body.error.code, body.error.message, body.error.details);
    }
    throw new ApiError(response.status, "http", `${response.status} ${response.statusText}`.trim());
  }
  return body as T;
}

/** A message for any error a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
