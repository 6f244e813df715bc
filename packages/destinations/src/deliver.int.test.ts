/**
 * One delivery attempt against a real HTTP receiver (node:http on port 0): the body and headers
 * as documented, signed so that a receiver verifying it by hand accepts it; a non-2xx answer, a
 * timeout or a refused connection fail the attempt and are counted on the delivery; a delivered
 * or dead delivery is not sent again; a deleted destination's delivery is dropped.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createStoreIndexes,
  type DeliveryDoc,
  getDelivery,
  insertDeliveries,
  openStore,
  type Store,
} from "@segflow/store";
import { freePort, mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { DeliveryFailedError, deadLetter, deliver, registerDestination } from "./index.js";

const SECRET = "whsec_2f8e";
let store: Store;
let server: Server;
let url: string;
/** What the receiver answers next: a status, or "hang" (never answers). */
let answer: number | "hang" = 200;
const calls: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("feed_deliver")));
  await createStoreIndexes(store);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (answer === "hang") return;
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "ok" : "receiver broke");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  await registerDestination(store, { id: "crm", url, secret: SECRET });
});
beforeEach(async () => {
  calls.length = 0;
  answer = 200;
  await store.deliveries.deleteMany({});
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await store?.db.dropDatabase();
  await store?.close();
});

const at = new Date("2026-12-01T12:00:00Z");
function delivery(id: string, destinationId = "crm"): DeliveryDoc {
  const changes = [
    {
      id: "run-1:gold:a",
      profileId: "a",
      segmentId: "gold",
      status: "realized" as const,
      at,
      source: "batch" as const,
      runId: "run-1",
    },
    {
      id: "s-1:gold:b",
      profileId: "b",
      segmentId: "gold",
      status: "exited" as const,
      at,
      source: "streaming" as const,
      runId: "s-1",
    },
  ];
  return {
    _id: id,
    destinationId,
    batchId: "b",
    changes,
    changeCount: changes.length,
    status: "pending",
    attempts: 0,
    lastError: null,
    lastStatusCode: null,
    replays: 0,
    createdAt: at,
    deliveredAt: null,
    deadAt: null,
  };
}

/** A receiver's check, written from the README and nothing of segflow's. */
function verifiedByReceiver(headers: IncomingHttpHeaders, raw: string, secret: string): boolean {
  const header = String(headers["x-segflow-signature"] ?? "");
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${raw}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe("deliver", () => {
  it("POSTs the documented body, signed, with the delivery id; the delivery is delivered", async () => {
    await insertDeliveries(store, [delivery("crm-1")]);
    const result = await deliver(store, "crm-1", { timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: "delivered", destinationId: "crm", statusCode: 200, changes: 2 });

    expect(calls).toHaveLength(1);
    const { headers, body } = calls[0]!;
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-segflow-delivery"]).toBe("crm-1");
    expect(verifiedByReceiver(headers, body, SECRET)).toBe(true);
    expect(verifiedByReceiver(headers, body, "another secret")).toBe(false);
    expect(verifiedByReceiver(headers, body.replace('"a"', '"z"'), SECRET)).toBe(false);
    expect(JSON.parse(body)).toEqual({
      deliveryId: "crm-1",
      changes: [
        {
          id: "run-1:gold:a",
          profileId: "a",
          segmentId: "gold",
          status: "realized",
          at: at.toISOString(),
          source: "batch",
          runId: "run-1",
        },
        {
          id: "s-1:gold:b",
          profileId: "b",
          segmentId: "gold",
          status: "exited",
          at: at.toISOString(),
          source: "streaming",
          runId: "s-1",
        },
      ],
    });
    expect(await getDelivery(store, "crm-1")).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      deliveredAt: expect.any(Date),
    });

    // Delivered: a repeated job sends nothing.
    expect(await deliver(store, "crm-1", { timeoutMs: 2000 })).toEqual({
      outcome: "skipped",
      reason: "delivered",
    });
    expect(calls).toHaveLength(1);
  });

  it("a non-2xx answer fails the attempt with the status and the start of the answer", async () => {
    await insertDeliveries(store, [delivery("crm-2")]);
    answer = 500;
    const error = await deliver(store, "crm-2", { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect(error).toMatchObject({
      statusCode: 500,
      message: "HTTP 500: receiver broke",
      destinationId: "crm",
    });
    expect(await getDelivery(store, "crm-2")).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500: receiver broke",
    });
    // The next attempt succeeds.
    answer = 204;
    expect(await deliver(store, "crm-2", { timeoutMs: 2000 })).toMatchObject({
      outcome: "delivered",
      statusCode: 204,
    });
    expect(await getDelivery(store, "crm-2")).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastError: null,
    });
  });

  it("a receiver that does not answer in time, or a refused connection, fails the attempt", async () => {
    await insertDeliveries(store, [delivery("crm-3")]);
    answer = "hang";
    await expect(deliver(store, "crm-3", { timeoutMs: 200 })).rejects.toMatchObject({
      statusCode: null,
      message: "no answer within 200 ms",
    });
    // A port nothing listens on (fetch refuses some low ports outright, such as 1).
    const closed = `http://127.0.0.1:${await freePort()}/`;
    await store.destinations.updateOne({ _id: "crm" }, { $set: { url: closed } });
    try {
      await expect(deliver(store, "crm-3", { timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await store.destinations.updateOne({ _id: "crm" }, { $set: { url } });
    }
    expect(await getDelivery(store, "crm-3")).toMatchObject({ attempts: 2, lastStatusCode: null });
  });

  it("a dead letter is not sent; a deleted destination's delivery is dropped", async () => {
    await insertDeliveries(store, [delivery("crm-4"), delivery("gone-1", "gone")]);
    expect(await deadLetter(store, "crm-4", "HTTP 500")).toBe(true);
    expect(await deliver(store, "crm-4", { timeoutMs: 2000 })).toEqual({
      outcome: "skipped",
      reason: "dead",
    });
    expect(await deliver(store, "gone-1", { timeoutMs: 2000 })).toEqual({
      outcome: "dropped",
      destinationId: "gone",
    });
    expect(await getDelivery(store, "gone-1")).toBeNull();
    expect(calls).toHaveLength(0);
  });
});
