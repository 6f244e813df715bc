/**
 * Requests Node's HTTP parser refuses before Express sees them (an unknown method, a raw
 * non-ASCII byte in the URL, headers over 16 KB, broken framing, a request that took too long to
 * arrive): Node's default answer is a bare `400 Bad Request` without a body. This answers them
 * with the API's error body instead (SECURITY.md, "Fuzzing"), then closes the connection, whose
 * framing can no longer be trusted.
 */
import { type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { AppError, type ErrorCode, errorBody } from "./errors.js";

/** Node's parser error code → what the client is told. */
function classify(code: string | undefined): { code: ErrorCode; message: string } {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return { code: "headers_too_large", message: "request headers: larger than 16 KB" };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { code: "request_timeout", message: "request: not received in time" };
    case "HPE_INVALID_METHOD":
      return { code: "invalid_request", message: "request: unknown HTTP method" };
    default:
      return { code: "invalid_request", message: `request: malformed HTTP (${code ?? "parse error"})` };
  }
}

/** Answers the parser's refusals on `server` with `{ error: { code, message, details } }`. */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset or a half-written answer: nothing can be said on this connection any more.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const { code, message } = classify(error.code);
    const appError = new AppError(code, message, { in: "request", reason: error.code ?? null });
    const body = JSON.stringify(errorBody(appError));
    socket.end(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}
