/**
 * segments, evaluations and profiles against a tiny local HTTP server standing in for the API
 * (apps/api/README.md, "Routes"): the requests they send and what they print.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CliError, ExitCode } from "../cli-error.js";
import { type FakeReply, type RecordedRequest, startFakeApi } from "../testing/fake-api.js";
import { runProgram } from "../testing/run-program.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function api(handler: (req: RecordedRequest, index: number) => FakeReply) {
  const server = await startFakeApi(handler);
  close = server.close;
  return { ...server, env: { apiUrl: server.url, apiKey: "secret" } };
}

const SEGMENT = {
  id: "vip",
  name: "VIP customers",
  definition: 'tags contains "vip"',
  streaming: false,
  schedule: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};

describe("segflow segments", () => {
  it("create posts the definition and prints the stored segment", async () => {
    const server = await api(() => ({ status: 201, body: SEGMENT }));
    const args = [
      "segments",
      "create",
      "--id",
      "vip",
      "--name",
      "VIP customers",
      "--definition",
      'tags contains "vip"',
    ];
    const { error, stdout } = await runProgram(
      [...args, "--streaming", "--schedule", "0 3 * * *"],
      server.env,
    );
    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual(SEGMENT);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      url: "/v1/segments",
      body: {
        id: "vip",
        name: "VIP customers",
        definition: 'tags contains "vip"',
        streaming: true,
        schedule: "0 3 * * *",
      },
    });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer secret");
  });

  it("create reads --file, and --api-url / --api-key win over the environment", async () => {
    const server = await api(() => ({ status: 201, body: SEGMENT }));
    const dir = await mkdtemp(join(tmpdir(), "segflow-cli-"));
    try {
      await writeFile(join(dir, "vip.segment"), 'tags contains "vip"\n');
      const args = ["segments", "create", "--name", "VIP", "--file", join(dir, "vip.segment")];
      const { error } = await runProgram([...args, "--api-url", server.url, "--api-key", "other"], {
        apiUrl: "http://127.0.0.1:9",
        apiKey: "env-key",
      });
      expect(error).toBeUndefined();
      expect(server.requests[0]!.body).toEqual({ name: "VIP", definition: 'tags contains "vip"\n' });
      expect(server.requests[0]!.headers.authorization).toBe("Bearer other");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("create without --definition or --file is a usage error, and nothing is sent", async () => {
    const server = await api(() => ({ status: 500 }));
    const { error } = await runProgram(["segments", "create", "--name", "x"], server.env);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({
      exitCode: ExitCode.usage,
      message: "give the definition with either --definition or --file",
    });
    expect(server.requests).toHaveLength(0);
  });

  it("create with a bad definition fails with the language errors, one a line", async () => {
    const errors = [
      {
        segmentId: "x",
        line: 1,
        column: 19,
        reason: "r",
        message: 'segment "x": 1:19: expected a value after ">=", found "and"',
      },
    ];
    const server = await api(() => ({
      status: 400,
      body: { error: { code: "invalid_definition", message: errors[0]!.message, details: { errors } } },
    }));
    const { error } = await runProgram(
      ["segments", "create", "--id", "x", "--name", "x", "--definition", "loyalty.points >= and"],
      server.env,
    );
    expect(error).toMatchObject({ exitCode: ExitCode.failed });
    expect(error!.message).toBe(
      `the API rejected the definition (HTTP 400 invalid_definition):\n${errors[0]!.message}`,
    );
  });

  it("list prints JSON, or a table with --table", async () => {
    const server = await api(() => ({
      body: { segments: [SEGMENT, { ...SEGMENT, id: "lapsed", name: "Lapsed", schedule: "0 3 * * *" }] },
    }));
    const json = await runProgram(["segments", "list"], server.env);
    expect(JSON.parse(json.stdout).map((s: { id: string }) => s.id)).toEqual(["vip", "lapsed"]);
    const table = await runProgram(["segments", "list", "--table"], server.env);
    expect(table.stdout).toBe(
      [
        "id      name           streaming  schedule   updated",
        "vip     VIP customers  no                    2026-12-01T00:00:00.000Z",
        "lapsed  Lapsed         no         0 3 * * *  2026-12-01T00:00:00.000Z",
        "",
      ].join("\n"),
    );
  });

  it("get and delete address the segment by its (encoded) id", async () => {
    const server = await api((req) => (req.method === "DELETE" ? { status: 204 } : { body: SEGMENT }));
    const got = await runProgram(["segments", "get", "vip"], server.env);
    expect(JSON.parse(got.stdout)).toEqual(SEGMENT);
    const deleted = await runProgram(["segments", "delete", "a/b"], server.env);
    expect(deleted.stdout).toBe("deleted segment a/b\n");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/segments/vip",
      "DELETE /v1/segments/a%2Fb",
    ]);
  });

  it("validate prints ok, or the errors with exit 2", async () => {
    const server = await api((_req, i) =>
      i === 0
        ? { body: { valid: true, errors: [] } }
        : {
            body: {
              valid: false,
              errors: [
                { message: 'segment "draft": 1:1: unknown path' },
                { message: 'segment "draft": 2:3: bad' },
              ],
            },
          },
    );
    const ok = await runProgram(["segments", "validate", "--definition", 'country = "US"'], server.env);
    expect(ok.stdout).toBe("ok\n");
    expect(server.requests[0]!.body).toEqual({ definition: 'country = "US"' });
    const bad = await runProgram(["segments", "validate", "--definition", "x y"], server.env);
    expect(bad.error).toMatchObject({
      exitCode: ExitCode.usage,
      message: 'segment "draft": 1:1: unknown path\nsegment "draft": 2:3: bad',
    });
  });

  it("estimate prints the size with its interval", async () => {
    const server = await api(() => ({
      body: {
        estimate: 1234,
        sampleSize: 2000,
        matched: 123,
        population: 20000,
        interval: { low: 1040, high: 1460, confidence: 0.95 },
        now: "2026-12-01T00:00:00.000Z",
        buckets: { from: 10, count: 410 },
      },
    }));
    const args = [
      "segments",
      "estimate",
      "--definition",
      "vip = true",
      "--sample-size",
      "2000",
      "--now",
      "2026-12-01",
    ];
    const { stdout } = await runProgram(args, server.env);
    expect(stdout).toBe(
      "about 1,234 of 20,000 profiles (6.2%); 95% interval 1,040-1,460 (123 of a sample of 2,000, at 2026-12-01T00:00:00.000Z)\n",
    );
    expect(server.requests[0]!.body).toEqual({
      definition: "vip = true",
      sampleSize: 2000,
      now: "2026-12-01",
    });
  });
});

const COUNTS = {
  vip: { realized: 1053, existing: 0, exited: 0, total: 1053 },
  "lapsed-buyers": { realized: 10, existing: 2964, exited: 7, total: 2974 },
};

function run(status: string, shardsDone: number, extra: object = {}) {
  return {
    id: "r-1",
    status,
    progress: { shardsDone, shardsTotal: 4, profilesDone: shardsDone * 5000 },
    counts: status === "completed" ? COUNTS : {},
    ...extra,
  };
}

describe("segflow evaluations", () => {
  it("start posts the request and prints the run id", async () => {
    const server = await api(() => ({ status: 202, body: { id: "r-1", status: "queued", created: true } }));
    const args = [
      "evaluations",
      "start",
      "--segments",
      "vip, lapsed-buyers",
      "--now",
      "2026-12-01T00:00:00Z",
    ];
    const { error, stdout } = await runProgram([...args, "--idempotency-key", "nightly-1"], server.env);
    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual({ id: "r-1", status: "queued", created: true });
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      url: "/v1/evaluations",
      body: { segmentIds: ["vip", "lapsed-buyers"], now: "2026-12-01T00:00:00Z" },
    });
    expect(server.requests[0]!.headers["idempotency-key"]).toBe("nightly-1");
  });

  it("start --wait polls every 500 ms until the run completes, then prints the counts", async () => {
    const replies = [run("queued", 0), run("running", 1), run("running", 3), run("completed", 4)];
    let polls = 0;
    const server = await api((req) =>
      req.method === "POST"
        ? { status: 202, body: { id: "r-1", status: "queued", created: true } }
        : { body: replies[polls++] },
    );
    const { error, stdout } = await runProgram(["evaluations", "start", "--wait"], server.env);
    expect(error).toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v1/evaluations",
      ...Array(4).fill("GET /v1/evaluations/r-1"),
    ]);
    const gets = server.requests.slice(1).map((r) => r.at);
    for (let i = 1; i < gets.length; i++) expect(gets[i]! - gets[i - 1]!).toBeGreaterThanOrEqual(450);
    expect(server.requests[0]!.body).toEqual({});
    expect(stdout).toMatch(/^evaluation r-1 completed in \d+\.\d s: 4\/4 shards, 20,000 profiles\n/);
    expect(stdout.split("\n").slice(1).join("\n")).toBe(
      [
        "segment        realized  existing  exited  total",
        "vip               1,053         0       0  1,053",
        "lapsed-buyers        10     2,964       7  2,974",
        "",
      ].join("\n"),
    );
  });

  it("start --wait draws a bar of profiles with the rate and the API's ETA when stderr is a terminal", async () => {
    const progress = (shardsDone: number, profilesDone: number, etaSeconds: number | null) => ({
      shardsDone,
      shardsTotal: 4,
      profilesDone,
      profilesTotal: 20_000,
      profilesPerSecond: profilesDone === 0 ? null : profilesDone / 10,
      etaSeconds,
    });
    const replies = [
      // Mid-way through the first shards: profiles move although no shard has finished.
      run("running", 0, { progress: progress(0, 5000, 130) }),
      run("completed", 4, { progress: progress(4, 20_000, 0) }),
    ];
    let polls = 0;
    const server = await api((req) =>
      req.method === "POST" ? { status: 202, body: { id: "r-1" } } : { body: replies[polls++] },
    );
    // Each answer stays on screen for 250 ms, more than the bar's redraw interval (100 ms).
    const args = ["evaluations", "start", "--wait", "--interval", "250"];
    const { stderr } = await runProgram(args, server.env, { tty: true });
    expect(stderr).toContain("evaluating ");
    expect(stderr).toContain("25% | 5,000/20,000 profiles | 0/4 shards | 500/s | ETA 2m10s | running");
    expect(stderr).toContain("100% | 20,000/20,000 profiles | 4/4 shards | 2,000/s | ETA 0s | completed");
  });

  it("start --wait counts shards against an API that gives no profile total", async () => {
    const replies = [run("running", 2), run("completed", 4)];
    let polls = 0;
    const server = await api((req) =>
      req.method === "POST" ? { status: 202, body: { id: "r-1" } } : { body: replies[polls++] },
    );
    const args = ["evaluations", "start", "--wait", "--interval", "250"];
    const { stderr } = await runProgram(args, server.env, { tty: true });
    expect(stderr).toContain("50% | 10,000 profiles | 2/4 shards | -/s | ETA - | running");
    expect(stderr).toContain("100% | 20,000 profiles | 4/4 shards | -/s | ETA - | completed");
  });

  it("start --wait exits 1 with the run's error when it failed", async () => {
    const server = await api((req) =>
      req.method === "POST"
        ? { status: 202, body: { id: "r-1" } }
        : { body: run("failed", 2, { error: "shard 3 failed 5 times: connection lost" }) },
    );
    const { error, stdout } = await runProgram(
      ["evaluations", "start", "--wait", "--interval", "50"],
      server.env,
    );
    expect(error).toMatchObject({
      exitCode: ExitCode.failed,
      message: "evaluation r-1 failed: shard 3 failed 5 times: connection lost",
    });
    expect(stdout).toMatch(/^evaluation r-1 failed in .*: 2\/4 shards/);
  });

  it("start --wait gives up after --wait-timeout", async () => {
    const server = await api((req) =>
      req.method === "POST" ? { status: 202, body: { id: "r-1" } } : { body: run("running", 1) },
    );
    const args = ["evaluations", "start", "--wait", "--interval", "50", "--wait-timeout", "0.3"];
    const { error } = await runProgram(args, server.env);
    expect(error).toMatchObject({ exitCode: ExitCode.failed });
    expect(error!.message).toBe(
      "evaluation r-1 is still running after 0.3 s (1/4 shards); follow it with: segflow evaluations get r-1",
    );
  });

  it("get prints the run as JSON, or its counts as a table", async () => {
    const server = await api(() => ({ body: run("completed", 4) }));
    expect(JSON.parse((await runProgram(["evaluations", "get", "r-1"], server.env)).stdout)).toEqual(
      run("completed", 4),
    );
    const { stdout } = await runProgram(["evaluations", "get", "r-1", "--table"], server.env);
    expect(stdout.split("\n")[0]).toBe("evaluation r-1 completed: 4/4 shards, 20,000 profiles");
    expect(stdout).toContain("vip               1,053");
  });

  it("an unknown run is the API's 404, exit 1", async () => {
    const server = await api(() => ({
      status: 404,
      body: { error: { code: "not_found", message: 'evaluation "r-9" not found', details: null } },
    }));
    const { error } = await runProgram(["evaluations", "get", "r-9"], server.env);
    expect(error).toMatchObject({
      exitCode: ExitCode.failed,
      message: 'evaluation "r-9" not found (HTTP 404 not_found)',
    });
  });
});

describe("segflow profiles", () => {
  it("get prints the profile", async () => {
    const profile = { id: "p-00001", attributes: { country: "US" }, scores: {}, segmentMembership: {} };
    const server = await api(() => ({ body: profile }));
    const { stdout } = await runProgram(["profiles", "get", "p-00001"], server.env);
    expect(JSON.parse(stdout)).toEqual(profile);
    expect(server.requests[0]!.url).toBe("/v1/profiles/p-00001");
  });

  it("explain prints the explanation as a tree", async () => {
    const root = {
      expression: 'tags contains "vip" and count(events where type = "purchase") >= 2',
      at: { line: 1, column: 1 },
      holds: false,
      children: [
        {
          expression: 'tags contains "vip"',
          at: { line: 1, column: 1 },
          holds: true,
          children: [
            { expression: "tags", at: { line: 1, column: 1 }, value: ["vip", "runner"], children: [] },
          ],
        },
        {
          expression: 'count(events where type = "purchase") >= 2',
          at: { line: 1, column: 25 },
          holds: false,
          children: [
            { expression: 'type = "purchase"', at: { line: 1, column: 44 }, matchingEvents: 1, children: [] },
            { expression: "middleName", at: { line: 1, column: 60 }, missing: true, children: [] },
          ],
        },
      ],
    };
    const server = await api(() => ({
      body: {
        profileId: "p-00001",
        segmentId: "vip-buyers",
        now: "2026-12-01T00:00:00.000Z",
        holds: false,
        explanation: { segmentId: "vip-buyers", holds: false, root },
      },
    }));
    const args = [
      "profiles",
      "explain",
      "p-00001",
      "--segment",
      "vip-buyers",
      "--now",
      "2026-12-01T00:00:00Z",
    ];
    const { stdout } = await runProgram(args, server.env);
    expect(server.requests[0]!.url).toBe(
      "/v1/profiles/p-00001/explain?segment=vip-buyers&now=2026-12-01T00%3A00%3A00Z",
    );
    expect(stdout).toBe(
      [
        "p-00001 is not in vip-buyers at 2026-12-01T00:00:00.000Z",
        '✗ tags contains "vip" and count(events where type = "purchase") >= 2',
        '  ✓ tags contains "vip"',
        '    · tags   (= ["vip","runner"])',
        '  ✗ count(events where type = "purchase") >= 2',
        '    · type = "purchase"   (1 matching event)',
        "    · middleName   (missing)",
        "",
      ].join("\n"),
    );
  });
});
