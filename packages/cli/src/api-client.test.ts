import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, ApiError, formatApiError } from "./api-client.js";
import { CliError, ExitCode } from "./cli-error.js";
import { closedPort, type FakeReply, startFakeApi } from "./testing/fake-api.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function fake(reply: FakeReply | ((url: string) => FakeReply)) {
  const api = await startFakeApi((req) => (typeof reply === "function" ? reply(req.url) : reply));
  close = api.close;
  return api;
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("ApiClient", () => {
  it("sends JSON with the bearer key and returns the parsed answer", async () => {
    const api = await fake({ status: 201, body: { id: "vip" } });
    const client = new ApiClient({ baseUrl: `${api.url}/`, apiKey: "k-1" });
    expect(await client.post("/v1/segments", { name: "VIP" }, { "idempotency-key": "abc" })).toEqual({
      id: "vip",
    });
    const [req] = api.requests;
    expect(req).toMatchObject({ method: "POST", url: "/v1/segments", body: { name: "VIP" } });
    expect(req!.headers.authorization).toBe("Bearer k-1");
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["idempotency-key"]).toBe("abc");
  });

  it("keeps a path prefix of the base URL and sends no key when none is set", async () => {
    const api = await fake({ status: 200, body: { ok: true } });
    await new ApiClient({ baseUrl: `${api.url}/segflow` }).get("/v1/segments");
    expect(api.requests[0]!.url).toBe("/segflow/v1/segments");
    expect(api.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("returns undefined for an empty answer (204)", async () => {
    const api = await fake({ status: 204 });
    expect(await new ApiClient({ baseUrl: api.url }).delete("/v1/segments/x")).toBeUndefined();
  });

  it("turns { error } answers into ApiError with exit code 1", async () => {
    const api = await fake({
      status: 404,
      body: { error: { code: "not_found", message: 'segment "nope" not found', details: null } },
    });
    const error = await failure(new ApiClient({ baseUrl: api.url }).get("/v1/segments/nope"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", exitCode: ExitCode.failed });
    expect(error.message).toBe('segment "nope" not found (HTTP 404 not_found)');
  });

  it("lists language errors one a line instead of the joined message", async () => {
    const errors = [
      { segmentId: "a", line: 1, column: 5, reason: "r1", message: 'segment "a": 1:5: expected a value' },
      {
        segmentId: "a",
        line: 2,
        column: 1,
        reason: "r2",
        message: 'segment "a": 2:1: unknown function "foo"',
      },
    ];
    const api = await fake({
      status: 400,
      body: {
        error: {
          code: "invalid_definition",
          message: errors.map((e) => e.message).join("; "),
          details: { errors },
        },
      },
    });
    const error = await failure(new ApiClient({ baseUrl: api.url }).post("/v1/segments", {}));
    expect(error.message).toBe(
      [
        "the API rejected the definition (HTTP 400 invalid_definition):",
        'segment "a": 1:5: expected a value',
        'segment "a": 2:1: unknown function "foo"',
      ].join("\n"),
    );
  });

  it("lists every field issue when there are several, and hints at the key on a 401", () => {
    const details = {
      in: "body",
      issues: [
        { path: "name", message: "required", code: "invalid_type" },
        { path: "definition", message: "required", code: "invalid_type" },
      ],
    };
    expect(formatApiError(400, "invalid_request", "name: required (and 1 more)", details)).toBe(
      "name: required (and 1 more) (HTTP 400 invalid_request)\n  name: required\n  definition: required",
    );
    expect(formatApiError(401, "unauthorized", "invalid API key", null)).toBe(
      "invalid API key (HTTP 401 unauthorized)\ngive the key with --api-key or SEGFLOW_API_KEY",
    );
  });

  it("reports an error answer that is not JSON with its status and a snippet", async () => {
    const api = await fake({ status: 502, body: "<html>Bad Gateway</html>" });
    const error = await failure(new ApiClient({ baseUrl: api.url }).get("/v1/segments"));
    expect(error.message).toBe(
      `GET ${api.url}/v1/segments answered 502 Bad Gateway: <html>Bad Gateway</html> (HTTP 502)`,
    );
  });

  it("says in one line that nothing listens at the URL", async () => {
    const port = await closedPort();
    const error = await failure(new ApiClient({ baseUrl: `http://127.0.0.1:${port}` }).get("/v1/segments"));
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error.message).toBe(
      `the API is not reachable at http://127.0.0.1:${port} (ECONNREFUSED): start it (npm run api) or point --api-url or SEGFLOW_API_URL at it`,
    );
  });

  it("gives up after its timeout", async () => {
    const api = await startFakeApi(
      () => new Promise<FakeReply>((resolve) => setTimeout(() => resolve({}), 2000)),
    );
    close = api.close;
    const error = await failure(new ApiClient({ baseUrl: api.url, timeoutMs: 100 }).get("/v1/segments"));
    expect(error.message).toBe(`the API at ${api.url} did not answer within 0.1 s`);
  });

  it("rejects a base URL that is not http(s) as a usage error", () => {
    expect(() => new ApiClient({ baseUrl: "localhost:3000" })).toThrow(/is not an http\(s\) URL/);
    expect(() => new ApiClient({ baseUrl: "not a url" })).toThrow(/is not a URL/);
  });
});
