/**
 * Requests Node's HTTP parser refuses get the API's error body (client-errors.ts), found by the
 * HTTP fuzz test (fuzz.int.test.ts). Checked failing without the protection: with
 * `answerClientErrors` not called, every case below got Node's bare 400 (or 431) with no body.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerClientErrors } from "./client-errors.js";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end("reached the app"));
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(Buffer.from(request, "latin1")));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function parse(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  return { status: Number(head.split(" ")[1]), head, body: JSON.parse(body) };
}

test.each([
  ["an unknown method", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_request"],
  [
    "a raw non-ASCII byte in the URL",
    "GET /v1/segments/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n",
    400,
    "invalid_request",
  ],
  [
    "headers over 16 KB",
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    431,
    "headers_too_large",
  ],
  [
    "both Content-Length and Transfer-Encoding",
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
    400,
    "invalid_request",
  ],
  ["not HTTP at all", "garbage\r\n\r\n", 400, "invalid_request"],
])("%s: the error body, not Node's bare answer", async (_what, request, status, code) => {
  const answer = parse(await raw(request));
  expect(answer.status).toBe(status);
  expect(answer.head).toMatch(/content-type: application\/json/i);
  expect(answer.body.error).toMatchObject({ code, details: { in: "request" } });
  expect(answer.body.error.message).toEqual(expect.any(String));
});

test("a well-formed request still reaches the app", async () => {
  const answer = await raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  expect(answer).toMatch(/^HTTP\/1.1 200/);
  expect(answer).toMatch(/reached the app$/);
});
