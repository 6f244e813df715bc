import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /v1/profiles/p-1/explain?segment=vip */
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** Milliseconds since the server started. */
  at: number;
}

export interface FakeReply {
  status?: number;
  /** Sent as JSON unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A tiny HTTP server standing in for the segflow API: every request is recorded and answered by
 * `handler`. No real API, no database.
 */
export async function startFakeApi(
  handler: (req: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>,
): Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }> {
  const started = performance.now();
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      at: performance.now() - started,
    };
    requests.push(recorded);
    const reply = await handler(recorded, requests.length - 1);
    const status = reply.status ?? 200;
    if (reply.body === undefined) {
      res.writeHead(status, reply.headers).end();
    } else if (typeof reply.body === "string") {
      res.writeHead(status, { "content-type": "text/html", ...reply.headers }).end(reply.body);
    } else {
      res
        .writeHead(status, { "content-type": "application/json", ...reply.headers })
        .end(JSON.stringify(reply.body));
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
