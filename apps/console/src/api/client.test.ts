import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { ApiError, onUnauthorized, request } from "./client.js";
import { getApiKey, setApiKey } from "./key.js";

/** sessionStorage as a browser tab has it. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

const answer = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });

beforeEach(() => {
  vi.stubGlobal("sessionStorage", new MemoryStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthorized(null);
});

test("sends the session's key as a bearer token and JSON bodies; reads the answer", async () => {
  setApiKey("k-1");
  const fetch = vi.fn(async () => answer(200, { valid: true, errors: [] }));
  vi.stubGlobal("fetch", fetch);
  await expect(request("POST", "/v1/segments/validate", { body: { definition: "x" } })).resolves.toEqual({
    valid: true,
    errors: [],
  });
  const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
  expect(url).toBe("/v1/segments/validate");
  expect(init.headers).toMatchObject({ authorization: "Bearer k-1", "content-type": "application/json" });
  expect(init.body).toBe('{"definition":"x"}');
});

test("an error answer becomes an ApiError with the API's code and message", async () => {
  setApiKey("k-1");
  vi.stubGlobal("fetch", async () =>
    answer(409, {
      error: { code: "conflict", message: 'segment "us" is read by "x"', details: { dependents: ["x"] } },
    }),
  );
  const error = await request("DELETE", "/v1/segments/us").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 409, code: "conflict", message: 'segment "us" is read by "x"' });
});

test("a 401 with the stored key forgets it and tells the app; a key being checked is kept out of it", async () => {
  setApiKey("revoked");
  const listener = vi.fn();
  onUnauthorized(listener);
  vi.stubGlobal("fetch", async () =>
    answer(401, { error: { code: "unauthorized", message: "invalid API key" } }),
  );
  await expect(request("GET", "/v1/segments")).rejects.toMatchObject({ status: 401 });
  expect(getApiKey()).toBeNull();
  expect(listener).toHaveBeenCalledTimes(1);
  await expect(request("GET", "/v1/segments", { key: "typed" })).rejects.toMatchObject({ status: 401 });
  expect(listener).toHaveBeenCalledTimes(1);
});

test("no answer at all, and an answer that is not the error body", async () => {
  vi.stubGlobal("fetch", async () => {
    throw new TypeError("Failed to fetch");
  });
  await expect(request("GET", "/v1/segments")).rejects.toMatchObject({
    code: "network",
    message: "the API did not answer (Failed to fetch)",
  });
  vi.stubGlobal("fetch", async () => new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }));
  await expect(request("GET", "/v1/segments")).rejects.toMatchObject({
    status: 502,
    message: "502 Bad Gateway",
  });
});
