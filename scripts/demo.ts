/**
 * `npm run demo`: the whole system on this machine, from a fresh clone.
 * Starts (or reuses) Redis and the MongoDB-protocol server, seeds 20,000 synthetic profiles,
 * starts the API and two workers as separate processes, defines a handful of segments, runs an
 * evaluation with a progress bar, prints the counts and the URLs, and keeps running until
 * Ctrl-C. `npm run demo -- --once` exits after the run (for scripts).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Producer, producerConnection } from "@segflow/queues";
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

const { values: args } = parseArgs({
  options: {
    once: { type: "boolean", default: false },
    profiles: { type: "string", default: "20000" },
    port: { type: "string", default: "3000" },
  },
});
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
const port = Number(args.port) || (await freePort());
const env = {
  REDIS_URL: services.redisUrl,
  MONGO_URL: mongoUrl,
  QUEUE_PREFIX: "segflow-demo",
  API_KEYS: KEY,
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
const queues = new Producer(producerConnection(services.redisUrl), env.QUEUE_PREFIX);
await Promise.all(Object.values(queues.queues).map((q) => q.obliterate({ force: true })));
await queues.close();
await segflow(["seed", "--profiles", args.profiles, "--seed", "7", "--mongo-url", mongoUrl], env);

console.log("\n▶ starting the API and two workers");
const procs: Running[] = [
  startSegflow("api", "api", env),
  startSegflow("worker", "worker-1", env),
  startSegflow("worker", "worker-2", env),
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

console.log("\n▶ evaluating every segment on every profile");
await segflow(["evaluations", "start", "--wait"], env);

console.log(`
segflow is running.
  API          ${api.baseUrl}/v1            (Authorization: Bearer ${KEY})
  API docs     ${api.baseUrl}/docs          (user: any, password: ${KEY})
  Bull Board   ${api.baseUrl}/admin/queues  (user: any, password: ${KEY})
  Metrics      ${api.baseUrl}/metrics
  Try:         SEGFLOW_API_URL=${api.baseUrl} SEGFLOW_API_KEY=${KEY} npx segflow segments list
`);

async function stop() {
  await Promise.all(procs.map((p) => p.stop()));
  process.exit(0);
}
if (args.once) await stop();
else {
  console.log("Press Ctrl-C to stop.");
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
