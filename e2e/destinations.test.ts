/**
 * The membership feed end to end: the API and a worker as OS processes, a real HTTP receiver
 * (node:http on port 0) standing for four destinations. A batch run's changes reach each
 * destination once, signed (checked here as a receiver would, from the README alone) and filtered
 * by segment; a receiver answering 500 once is retried and delivered; one that keeps failing is
 * dead-lettered after the last attempt, listed, and delivered by a replay once it is fixed; 5,000
 * changes at once arrive in a handful of calls, each change once.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { QueueInspector } from "@segflow/queues";
import { openStore, type Store } from "@segflow/store";
import { Api, type Running, startSegflow as start, waitFor } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentEnv } from "./deployment-env.js";

const KEY = "e2e-destinations-key";
const SECRETS: Record<string, string> = {
  all: "whsec_all_1",
  gold: "whsec_gold_2",
  flaky: "whsec_flaky_3",
  down: "whsec_down_4",
};

interface Change {
  id: string;
  profileId: string;
  segmentId: string;
  status: string;
  at: string;
  source: string;
  runId: string;
}
interface Call {
  path: string;
  status: number;
  verified: boolean;
  deliveryHeader: string | undefined;
  body: { deliveryId: string; changes: Change[] };
}

let store: Store;
let api: Api;
let env: Record<string, string>;
let server: Server;
let receiverUrl: string;
const procs: Running[] = [];
const calls: Call[] = [];
/** Answers per path: `flaky` fails its first call, `down` fails until fixed. */
let downFixed = false;
let flakyFailed = false;

/** What a receiver does (README.md, "Destinations (webhooks)"), written without segflow's code. */
function verified(headers: IncomingHttpHeaders, raw: string, secret: string): boolean {
  const parts = Object.fromEntries(
    String(headers["x-segflow-signature"] ?? "")
      .split(",")
      .map((p) => p.split("=") as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${raw}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answerFor(path: string): number {
  if (path === "down") return downFixed ? 200 : 500;
  if (path === "flaky" && !flakyFailed) {
    flakyFailed = true;
    return 500;
  }
  return 200;
}

const callsTo = (path: string) => calls.filter((c) => c.path === path);
const changesDeliveredTo = (path: string) =>
  callsTo(path)
    .filter((c) => c.status === 200)
    .flatMap((c) => c.body.changes);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").slice(1);
      const status = answerFor(path);
      calls.push({
        path,
        status,
        verified: verified(req.headers, raw, SECRETS[path] ?? ""),
        deliveryHeader: req.headers["x-segflow-delivery"] as string | undefined,
        body: JSON.parse(raw),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const deployment = await deploymentEnv("e2e_destinations", KEY, {
    SHARD_COUNT: "2",
    WORKER_CONCURRENCY: "2",
    DESTINATION_ATTEMPTS: "3",
    DESTINATION_BACKOFF_MS: "50",
    DESTINATION_TIMEOUT_MS: "5000",
  });
  env = deployment.env;
  store = await openStore(deployment.mongoUrl);
  api = new Api(`http://127.0.0.1:${deployment.port}`, KEY);
  const apiProc = start("api", "api", env);
  procs.push(apiProc, start("worker", "worker", env));
  await waitFor("api ready", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, apiProc);

  await api.ok("POST", "/v1/segments", { id: "gold", name: "gold", definition: 'tier = "gold"' });
  await api.ok("POST", "/v1/segments", { id: "silver", name: "silver", definition: 'tier = "silver"' });
  for (const path of ["all", "flaky", "down"]) {
    await api.ok("POST", "/v1/destinations", {
      id: path,
      url: `${receiverUrl}/${path}`,
      secret: SECRETS[path],
    });
  }
  await api.ok("POST", "/v1/destinations", {
    id: "gold",
    url: `${receiverUrl}/gold`,
    secret: SECRETS.gold,
    segments: ["gold"],
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
  await queues.obliterate().finally(() => queues.close());
  await store?.db.dropDatabase();
  await store?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function runToCompletion(): Promise<string> {
  const { id } = await api.ok<{ id: string }>("POST", "/v1/evaluations", {});
  await waitFor(
    `run ${id}`,
    async () => (await api.ok<{ status: string }>("GET", `/v1/evaluations/${id}`)).status === "completed",
    120_000,
    procs[1],
  );
  return id;
}

describe("webhook destinations across processes", () => {
  let runId: string;
  const tiers = { a: "gold", b: "gold", c: "gold", d: "silver", e: "silver" };

  it("a run's changes reach each destination once, signed, filtered by segment", async () => {
    await api.ok("POST", "/v1/profiles", {
      profiles: Object.entries(tiers).map(([id, tier]) => ({ id, attributes: { tier } })),
    });
    runId = await runToCompletion();
    await waitFor(
      "deliveries",
      async () => changesDeliveredTo("all").length >= 5 && callsTo("gold").length >= 1,
      30_000,
      procs[1],
    );

    const all = callsTo("all");
    expect(all).toHaveLength(1);
    expect(all[0]!.verified).toBe(true);
    expect(all[0]!.deliveryHeader).toBe(all[0]!.body.deliveryId);
    const sorted = [...all[0]!.body.changes].sort((x, y) => x.profileId.localeCompare(y.profileId));
    expect(sorted).toEqual(
      Object.entries(tiers).map(([profileId, tier]) => ({
        id: `${runId}:${tier}:${profileId}`,
        profileId,
        segmentId: tier,
        status: "realized",
        at: expect.any(String),
        source: "batch",
        runId,
      })),
    );
    // The ids are the stored changes' ids: a receiver can deduplicate by them.
    const stored = await store.membershipChanges.find({ runId }).toArray();
    expect(sorted.map((c) => c.id).sort()).toEqual(stored.map((c) => c._id).sort());

    const gold = callsTo("gold");
    expect(gold).toHaveLength(1);
    expect(gold[0]!.verified).toBe(true);
    expect(gold[0]!.body.changes.map((c) => c.profileId).sort()).toEqual(["a", "b", "c"]);
  });

  it("a receiver answering 500 then 200 is retried and delivered", async () => {
    await waitFor("flaky delivered", async () => changesDeliveredTo("flaky").length === 5, 30_000, procs[1]);
    const flaky = callsTo("flaky");
    expect(flaky.map((c) => c.status)).toEqual([500, 200]);
    expect(flaky.every((c) => c.verified)).toBe(true);
    expect(flaky[1]!.body).toEqual(flaky[0]!.body);
    const delivery = await store.deliveries.findOne({ _id: flaky[0]!.body.deliveryId });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
  });

  it("a receiver that keeps failing is dead-lettered after the last attempt, listed, and replayed once fixed", async () => {
    type DeadLetters = {
      deadLetters: { id: string; attempts: number; lastError: string; changes: number }[];
    };
    let dead: DeadLetters | undefined;
    await waitFor(
      "a dead letter",
      async () => {
        dead = await api.ok<DeadLetters>("GET", "/v1/destinations/down/dead-letters");
        return dead.deadLetters.length === 1;
      },
      30_000,
      procs[1],
    );
    const [letter] = dead!.deadLetters;
    expect(letter).toMatchObject({ attempts: 3, lastError: "HTTP 500", changes: 5 });
    expect(callsTo("down").map((c) => c.status)).toEqual([500, 500, 500]);

    downFixed = true;
    const replay = await api.call<{ replayed: { deliveryId: string }[] }>(
      "POST",
      `/v1/destinations/down/dead-letters/${letter!.id}/replay`,
    );
    expect(replay.status).toBe(202);
    expect(replay.body.replayed.map((r) => r.deliveryId)).toEqual([letter!.id]);
    await waitFor("replay delivered", async () => changesDeliveredTo("down").length === 5, 30_000, procs[1]);
    const last = callsTo("down").at(-1)!;
    expect(last).toMatchObject({ status: 200, verified: true, deliveryHeader: letter!.id });
    expect(await api.ok("GET", "/v1/destinations/down/dead-letters")).toMatchObject({ deadLetters: [] });
    expect(await store.deliveries.findOne({ _id: letter!.id })).toMatchObject({
      status: "delivered",
      attempts: 4,
      replays: 1,
    });
  });

  it("5,000 changes at once arrive in a handful of calls, each change once", async () => {
    const before = callsTo("all").length;
    const ids = Array.from({ length: 5000 }, (_, i) => `bulk-${String(i).padStart(4, "0")}`);
    for (let i = 0; i < ids.length; i += 1000) {
      await api.ok("POST", "/v1/profiles", {
        profiles: ids.slice(i, i + 1000).map((id) => ({ id, attributes: { tier: "gold" } })),
      });
    }
    const bulkRun = await runToCompletion();
    const bulk = () => changesDeliveredTo("all").filter((c) => c.runId === bulkRun);
    await waitFor("5,000 changes delivered", async () => bulk().length >= 5000, 60_000, procs[1]);
    // Batches of 500: ten full ones, and a partial one per publisher run that found fewer (one
    // after each shard, perhaps a sweep): a handful of calls, never thousands.
    const newCalls = callsTo("all").length - before;
    expect(newCalls).toBeGreaterThanOrEqual(10);
    expect(newCalls).toBeLessThanOrEqual(15);
    expect(new Set(bulk().map((c) => c.id)).size).toBe(5000);
    expect(bulk()).toHaveLength(5000);
    expect(callsTo("all").every((c) => c.verified && c.status === 200)).toBe(true);
  });
});
