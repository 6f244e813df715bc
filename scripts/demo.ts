/**
 * `npm run demo`: the whole system on this machine, from a fresh clone.
 * Starts (or reuses) Redis and the MongoDB-protocol server, seeds 20,000 synthetic profiles,
 * starts the API, two workers and a trainer as separate processes, defines a handful of segments,
 * trains a churn and a conversion model (scores written to every profile), runs an evaluation
 * with a progress bar (one segment uses a score), prints the counts, the models' quality and the
 * URLs (the web console's first), and keeps running until Ctrl-C. `npm run demo -- --once` stops
 * everything after the run (scripts). The API listens on `--port`, else `PORT`, else 3000
 * (demo-config.ts).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { API_SCOPES, apiKeyEntry } from "@segflow/config";
import { QueueInspector } from "@segflow/queues";
import { openStore } from "@segflow/store";
import { DEMO_SEGMENTS } from "@segflow/synthetic";
import {
  Api,
  ensureServices,
  freePort,
  mongoUrlWithDatabase,
  type Running,
  startSegflow,
  waitFor,
} from "@segflow/testing";
import { demoConfig } from "./demo-config.js";
import { DEMO_MODELS, DEMO_SCORE_SEGMENT } from "./demo-models.js";

const args = demoConfig();
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const KEY = "demo-key";

function segflow(argv: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=segflow-source", "--import", "tsx", "packages/cli/src/main.ts", ...argv],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: "inherit",
      },
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`segflow ${argv[0]} exited with ${code}`)),
    );
  });
}

const services = await ensureServices({ aof: true, log: (l) => console.log(l) });
const mongoUrl = mongoUrlWithDatabase(services.mongoUrl, "segflow_demo");
const port = args.port || (await freePort());
const env = {
  REDIS_URL: services.redisUrl,
  MONGO_URL: mongoUrl,
  QUEUE_PREFIX: "segflow-demo",
  // The API holds the key's hash; the demo's key has every scope (README.md, "API keys and scopes").
  API_KEYS: apiKeyEntry(KEY, API_SCOPES, "demo"),
  PORT: String(port),
  SHARD_COUNT: "2",
  WORKER_CONCURRENCY: "1",
  LOG_LEVEL: "warn",
  SEGFLOW_API_URL: `http://127.0.0.1:${port}`,
  SEGFLOW_API_KEY: KEY,
};

console.log(`\n▶ seeding ${args.profiles} synthetic profiles into ${mongoUrl} (a fresh database)`);
const store = await openStore(mongoUrl);
await store.db.dropDatabase();
await store.close();
// Jobs of an earlier demo (kept by Redis' AOF) would point at the dropped database.
const queues = new QueueInspector(services.redisUrl, env.QUEUE_PREFIX);
await queues.obliterate();
await queues.close();
await segflow(["seed", "--profiles", args.profiles, "--seed", "7", "--mongo-url", mongoUrl], env);

console.log("\n▶ starting the API, two workers and a trainer");
const procs: Running[] = [
  startSegflow("api", "api", env),
  startSegflow("worker", "worker-1", env),
  startSegflow("worker", "worker-2", env),
  startSegflow("trainer", "trainer", env),
];
for (const p of procs) p.child.stderr?.pipe(process.stderr);
// Whatever goes wrong from here, the processes started above must not outlive the demo.
process.on("uncaughtException", (error) => {
  console.error(error);
  void Promise.all(procs.map((p) => p.stop())).finally(() => process.exit(1));
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  void Promise.all(procs.map((p) => p.stop())).finally(() => process.exit(1));
});
const api = new Api(env.SEGFLOW_API_URL, KEY);
await waitFor("the API", async () => (await fetch(`${api.baseUrl}/readyz`)).ok, 60_000, procs[0]);

console.log("\n▶ defining segments");
for (const s of DEMO_SEGMENTS) {
  await api.ok("POST", "/v1/segments", s);
  console.log(`  ${s.id.padEnd(28)} ${s.definition.replace(/\s+/g, " ")}`);
}

console.log("\n▶ training propensity models (the trainer scores every profile when a model is good)");
for (const m of DEMO_MODELS) {
  await api.ok("POST", "/v1/models", m);
  await api.ok("POST", `/v1/models/${m.id}/train`, {});
  console.log(`  ${m.id.padEnd(28)} ${m.type}, goal ${m.goal}, ${m.windowDays}-day window`);
}
const started = Date.now();
let lastStatus = "";
await waitFor(
  "the models",
  async () => {
    const states = await Promise.all(DEMO_MODELS.map((m) => api.ok<ModelState>("GET", `/v1/models/${m.id}`)));
    const failed = states.find((m) => m.status === "failed" || m.status === "poor");
    if (failed) throw new Error(`a demo model did not become ready: ${JSON.stringify(failed)}`);
    const line = `  ${states.map((m, i) => `${DEMO_MODELS[i]!.id}: ${describeModel(m)}`).join("   ")}`;
    if (line !== lastStatus) console.log(`${line}   (${Math.round((Date.now() - started) / 1000)} s)`);
    lastStatus = line;
    return states.every((m) => m.status === "ready");
  },
  30 * 60_000,
);
console.log(`  trained and scored in ${Math.round((Date.now() - started) / 1000)} s`);
for (const m of DEMO_MODELS) {
  const view = await api.ok<{
    metrics?: {
      auc: number;
      lift: number;
      baseRate: number;
      kind: string;
      topFactors: { feature: string }[];
    };
  }>("GET", `/v1/models/${m.id}`);
  const x = view.metrics;
  if (x) {
    console.log(
      `  ${m.id.padEnd(28)} AUC ${x.auc}, top-decile lift ${x.lift}, base rate ${x.baseRate}, ${x.kind}; ` +
        `top factors: ${x.topFactors
          .slice(0, 3)
          .map((f) => f.feature)
          .join(", ")}`,
    );
  }
}
await api.ok("POST", "/v1/segments", DEMO_SCORE_SEGMENT);
console.log(`  ${DEMO_SCORE_SEGMENT.id.padEnd(28)} ${DEMO_SCORE_SEGMENT.definition}`);

console.log("\n▶ evaluating every segment on every profile");
await segflow(["evaluations", "start", "--wait"], env);

const stopProcesses = () => Promise.all(procs.map((p) => p.stop()));
if (args.once) {
  await stopProcesses();
  console.log(
    `\nDone (--once): the API, the workers and the trainer are stopped; the data stays in ${mongoUrl}.`,
  );
  process.exit(0);
}
// The API serves the console's build (`npm ci` builds every workspace; so does `npm run build`).
const consoleBuilt = existsSync(new URL("../apps/console/dist/index.html", import.meta.url));
const consoleNote = consoleBuilt ? `(sign in with the key ${KEY})` : "(not built: run `npm run build` first)";
console.log(`
segflow is running.
  Console      ${api.baseUrl}/console/      ${consoleNote}
  API          ${api.baseUrl}/v1            (Authorization: Bearer ${KEY})
  API docs     ${api.baseUrl}/docs          (user: any, password: ${KEY})
  Bull Board   ${api.baseUrl}/admin/queues  (user: any, password: ${KEY})
  Metrics      ${api.baseUrl}/metrics
  Try:         SEGFLOW_API_URL=${api.baseUrl} SEGFLOW_API_KEY=${KEY} npx segflow segments list
Press Ctrl-C to stop.`);
const stop = () => void stopProcesses().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

interface ModelState {
  status: string;
  error?: string | null;
  scoring?: { shardsDone: number; shardsTotal: number; profilesScored: number } | null;
}

/** A model's status, with how far its scoring is (the shards the trainer has finished). */
function describeModel(m: ModelState): string {
  if (m.status !== "scoring" || !m.scoring) return m.status;
  const { shardsDone, shardsTotal, profilesScored } = m.scoring;
  return `scoring (${shardsDone}/${shardsTotal} shards, ${profilesScored.toLocaleString("en-US")} profiles)`;
}
